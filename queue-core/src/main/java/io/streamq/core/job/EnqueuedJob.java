package io.streamq.core.job;

import io.streamq.core.contract.QueueName;

/** What enqueue answers for one job; {@code duplicate} when an idempotency key returned an earlier job. */
public record EnqueuedJob(String id, QueueName queue, String name, String state, long createdAt, boolean duplicate) {
}
