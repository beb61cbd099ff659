package io.streamq.core.contract.payload;

import java.util.List;
import java.util.stream.Collectors;

/** A job payload that cannot be accepted; {@link #errors()} names each offending field for the client. */
public class InvalidPayloadException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidPayloadException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
