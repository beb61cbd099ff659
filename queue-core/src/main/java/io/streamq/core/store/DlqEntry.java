package io.streamq.core.store;

/**
 * One stored DLQ entry (docs/dlq.md#the-record). {@code id} is the original job id: a replayed job that fails again is
 * the same entry. Times are epoch ms from the Redis clock; {@code lastReplayedAt} is null when never replayed.
 *
 * @param history           JSON array of the entry's failures, replays and success, oldest first (at most 20)
 * @param replaySucceededAt when the job, dead-lettered before, ran again and succeeded; null otherwise. Such an entry
 *                          is not replayed again.
 */
public record DlqEntry(String id, String originalQueue, String originalJobId, String originalJobName,
                       String errorName, String errorMessage, String errorStack, String errorCode,
                       long firstFailedAt, long lastFailedAt, int attemptsMade, boolean isReplayed, int replayCount,
                       Long lastReplayedAt, String payload, String workspaceId, String tenantId, String actorId,
                       String fingerprint, String history, Long replaySucceededAt) {
}
