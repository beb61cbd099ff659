package io.streamq.producer.domain;

import io.streamq.core.contract.payload.FieldError;
import io.streamq.core.job.NewJob;

import java.util.List;

/** One job request after validation: ready to enqueue, or rejected with every reason found. */
public sealed interface JobRead {

    record Valid(NewJob job) implements JobRead {
    }

    record Rejected(List<FieldError> errors) implements JobRead {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }
}
