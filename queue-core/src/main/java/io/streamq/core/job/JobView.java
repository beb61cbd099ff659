package io.streamq.core.job;

import io.streamq.core.contract.QueueName;

/** A job as stored, for reading back. Times are epoch ms (null when not reached); payload and result are JSON text. */
public record JobView(
        String id,
        QueueName queue,
        String name,
        String state,
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
        Long lastFailedAt) {
}
