package io.streamq.core.store;

/**
 * A dead-lettered job ran again (a replay or an owner's retry) and succeeded: what {@code complete.lua} wrote to the
 * queue's dead stream. Its entry is then marked succeeded and is not replayed again.
 *
 * @param finishedAt when it completed, epoch ms from the Redis clock
 */
public record DlqSuccess(String originalQueue, String originalJobId, String originalJobName, long finishedAt,
                         int attemptsMade) implements DlqHandOff {
}
