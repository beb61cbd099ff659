package io.streamq.producer.domain;

import io.streamq.core.contract.payload.FieldError;

import java.util.List;

/** A bulk request after validation: unusable as a whole, or its items, each valid or rejected on its own. */
public sealed interface BulkRead {

    record Invalid(List<FieldError> errors) implements BulkRead {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    record Items(List<JobRead> items) implements BulkRead {
        public Items {
            items = List.copyOf(items);
        }
    }
}
