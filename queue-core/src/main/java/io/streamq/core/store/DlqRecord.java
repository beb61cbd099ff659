package io.streamq.core.store;

/**
 * A dead-letter record to store: what {@code fail-to-dlq} wrote to a queue's dead stream, plus the error
 * fingerprint the caller computed (messages with their variable parts masked, so reasons group).
 *
 * @param fingerprint the masked message, the key of the error-reason counters
 */
public record DlqRecord(String originalQueue, String originalJobId, String originalJobName, String errorName,
                        String errorMessage, String errorStack, String errorCode, long firstFailedAt,
                        long lastFailedAt, int attemptsMade, String payload, String tenantId, String workspaceId,
                        String actorId, int replayCount, String fingerprint) implements DlqHandOff {
}
