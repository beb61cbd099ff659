package io.streamq.core.job;

import io.streamq.core.contract.QueueName;

/** A job handed to one worker: its stream entry (the lease), and what the handler needs. */
public record ClaimedJob(
        QueueName queue,
        String entryId,
        String jobId,
        String name,
        String payload,
        int attempt,
        int maxAttempts,
        long createdAt,
        long startedAt,
        String tenant,
        String workspace,
        String actor) {
}
