package io.streamq.dlq.api;

import io.streamq.core.store.DlqTask;

/**
 * A clear task as GET /owner/dlq/clear/{taskId} shows it. {@code state}: running, succeeded, failed or interrupted;
 * {@code cutoff}: when the owner was shown the count; only entries that last failed up to then are removed;
 * {@code target}: entries selected when the clear was confirmed (an estimate); {@code removed}: removed so far.
 * Times epoch ms.
 */
public record ClearTaskView(String taskId, String state, long cutoff, long target, long removed,
                            String originalQueue, Integer minReplayCount, String actor, long startedAt,
                            long updatedAt, Long finishedAt, String error) {

    static ClearTaskView of(DlqTask t) {
        return new ClearTaskView(t.id(), t.state(), t.cutoff(), t.target(), t.removed(), t.originalQueue(),
                t.minReplayCount(), t.actor(), t.startedAt(), t.updatedAt(), t.finishedAt(), t.error());
    }
}
