package io.streamq.producer.domain;

import io.streamq.core.contract.payload.FieldError;
import io.streamq.core.job.EnqueuedJob;

import java.util.List;

/** What became of one item of a bulk request: enqueued (or matched by its idempotency key), or rejected. */
public record ItemOutcome(int index, EnqueuedJob job, List<FieldError> errors) {

    public boolean rejected() {
        return job == null;
    }
}
