package io.streamq.core.schedule;

import io.streamq.core.contract.payload.FieldError;

import java.util.List;

/** A schedule request read: a valid definition, or every field it gets wrong. */
public sealed interface ScheduleRead {

    record Valid(ScheduleSpec spec) implements ScheduleRead {
    }

    record Invalid(List<FieldError> errors) implements ScheduleRead {
    }
}
