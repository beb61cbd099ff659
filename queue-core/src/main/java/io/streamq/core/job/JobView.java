package io.streamq.core.job;

import io.streamq.core.contract.QueueName;

/**
 * A job as stored, for reading back. Times are epoch ms (null when not reached); payload and result are JSON text;
 * {@code priority} 1 (starts first) to 10. {@code progress} is the latest JSON {@code {"percent"?, "data"?, ...}} its
 * handler reported (null before any); a cancelled job says who cancelled it and in which state.
 */
public record JobView(
        String id,
        QueueName queue,
        String name,
        String state,
        int priority,
        int attempts,
        int maxAttempts,
        Long createdAt,
        Long dueAt,
        Long startedAt,
        Long finishedAt,
        Long durationMs,
        String tenant,
        String workspace,
        String actor,
        String payload,
        String result,
        JobError lastError,
        Long firstFailedAt,
        Long lastFailedAt,
        String progress,
        Long progressAt,
        String cancelledBy,
        String cancelledFrom) {
}
