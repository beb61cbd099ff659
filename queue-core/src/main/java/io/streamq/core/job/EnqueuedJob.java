package io.streamq.core.job;

import io.streamq.core.contract.QueueName;

/** What enqueue answers for one job: the job (new, or the earlier one its idempotency key named) and what happened. */
public record EnqueuedJob(String id, QueueName queue, String name, String state, long createdAt,
                          EnqueueOutcome outcome) {

    /** The answer names a job that existed before this request. */
    public boolean duplicate() {
        return outcome != EnqueueOutcome.CREATED;
    }
}
