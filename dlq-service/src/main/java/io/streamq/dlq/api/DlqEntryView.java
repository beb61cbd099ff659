package io.streamq.dlq.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * GET /owner/dlq/{id}: the record (docs/dlq.md#the-record), its history, payload as JSON. {@code replaySucceededAt}:
 * when the job, dead-lettered before, ran again and succeeded (null otherwise); such an entry is not replayed again.
 */
public record DlqEntryView(String id, String originalQueue, String originalJobId, String originalJobName,
                           ErrorView error, long firstFailedAt, long lastFailedAt, int attemptsMade,
                           boolean isReplayed, int replayCount, Long lastReplayedAt, Long replaySucceededAt,
                           JsonNode payload,
                           String workspaceId, String tenantId, String actorId, JsonNode history) {

    public record ErrorView(String name, String message, String stack, String code) {
    }
}
