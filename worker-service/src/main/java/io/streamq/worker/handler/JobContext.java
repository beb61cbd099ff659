package io.streamq.worker.handler;

import io.streamq.core.contract.payload.JobPayload;
import io.streamq.core.job.ClaimedJob;

import java.time.Duration;

/**
 * What a handler knows of its job. {@code job.attempt()} lets it be idempotent across retries and recovery;
 * {@code cancellation} says when to stop.
 */
public record JobContext(ClaimedJob job, JobPayload payload, Duration timeout, String workerId,
                         Cancellation cancellation) {

    public <T extends JobPayload> T payload(Class<T> type) {
        return type.cast(payload);
    }

    public boolean cancelled() {
        return cancellation.cancelled();
    }
}
