package io.streamq.producer.api;

import io.streamq.core.contract.payload.FieldError;
import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;

import java.util.List;

/** Bridges the contract's field errors to the problem documents of the error package. */
final class FieldProblems {

    private FieldProblems() {
    }

    static List<FieldProblem> fields(List<FieldError> errors) {
        return errors.stream().map(e -> new FieldProblem(e.field(), e.message())).toList();
    }

    static InvalidRequestException invalid(String detail, List<FieldError> errors) {
        return new InvalidRequestException(detail, fields(errors));
    }
}
