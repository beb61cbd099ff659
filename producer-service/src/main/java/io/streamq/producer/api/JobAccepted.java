package io.streamq.producer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.streamq.core.job.EnqueueOutcome;
import io.streamq.core.job.EnqueuedJob;

import java.time.Instant;

/**
 * The answer to an enqueue: enough to find the job again and know where it went. {@code debounced} is true when the
 * request's payload went to the earlier job of its idempotency key (debounce), absent otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobAccepted(String id, String queue, String name, String state, Instant createdAt, Boolean debounced) {

    static JobAccepted of(EnqueuedJob job) {
        // A replayed key whose job was already removed reports createdAt 0: unknown, so left out.
        Instant created = job.createdAt() > 0 ? Instant.ofEpochMilli(job.createdAt()) : null;
        Boolean debounced = job.outcome() == EnqueueOutcome.DEBOUNCED ? Boolean.TRUE : null;
        return new JobAccepted(job.id(), job.queue().wireName(), job.name(), job.state(), created, debounced);
    }
}
