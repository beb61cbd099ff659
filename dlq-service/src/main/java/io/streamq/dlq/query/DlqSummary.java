package io.streamq.dlq.query;

import io.streamq.core.store.DlqEntry;

/**
 * One entry in a list: everything but the payload, stack and history (those are read one entry at a time, with a
 * data-access record). Times are epoch ms.
 */
public record DlqSummary(String id, String originalQueue, String originalJobId, String originalJobName,
                         String errorName, String errorMessage, String errorCode, long firstFailedAt,
                         long lastFailedAt, int attemptsMade, boolean isReplayed, int replayCount,
                         Long lastReplayedAt, Long replaySucceededAt, String tenantId, String workspaceId,
                         String actorId) {

    public static DlqSummary of(DlqEntry e) {
        return new DlqSummary(e.id(), e.originalQueue(), e.originalJobId(), e.originalJobName(), e.errorName(),
                e.errorMessage(), e.errorCode(), e.firstFailedAt(), e.lastFailedAt(), e.attemptsMade(),
                e.isReplayed(), e.replayCount(), e.lastReplayedAt(), e.replaySucceededAt(), e.tenantId(),
                e.workspaceId(), e.actorId());
    }
}
