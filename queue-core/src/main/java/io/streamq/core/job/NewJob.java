package io.streamq.core.job;

import io.streamq.core.contract.JobType;

/**
 * A validated job to enqueue. Tenant, workspace and actor come from the caller's token, never the body.
 *
 * @param payloadJson    canonical payload JSON (see PayloadCodec)
 * @param idempotencyKey null when the client sent none
 */
public record NewJob(JobType type, String payloadJson, String tenant, String workspace, String actor,
                     String idempotencyKey, long delayMs, EnqueueOptions options) {

    /** A job with the default priority and idempotency window, no debounce. */
    public NewJob(JobType type, String payloadJson, String tenant, String workspace, String actor,
                  String idempotencyKey, long delayMs) {
        this(type, payloadJson, tenant, workspace, actor, idempotencyKey, delayMs, EnqueueOptions.DEFAULT);
    }
}
