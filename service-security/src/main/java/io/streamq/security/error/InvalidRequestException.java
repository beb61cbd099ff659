package io.streamq.security.error;

import java.util.List;

/** A well-formed request whose content breaks the API's rules; answered 400 naming every offending field. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> errors;

    public InvalidRequestException(String detail, List<FieldProblem> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
