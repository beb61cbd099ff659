package io.streamq.dlq.api;

import io.streamq.core.store.DlqTask;

/**
 * A clear task as GET /owner/dlq/clear/{taskId} shows it. {@code state}: running, succeeded, failed or interrupted;
 * {@code target}: entries selected when the clear was confirmed; {@code removed}: removed so far. Times epoch ms.
 */
public record ClearTaskView(String taskId, String state, long target, long removed, String originalQueue,
                            Integer minReplayCount, String actor, long startedAt, long updatedAt, Long finishedAt,
                            String error) {

    static ClearTaskView of(DlqTask t) {
        return new ClearTaskView(t.id(), t.state(), t.target(), t.removed(), t.originalQueue(), t.minReplayCount(),
                t.actor(), t.startedAt(), t.updatedAt(), t.finishedAt(), t.error());
    }
}
