package io.streamq.security.error;

import jakarta.ws.rs.BadRequestException;

/**
 * A query parameter the REST layer could not convert. A {@link jakarta.ws.rs.WebApplicationException} because the
 * REST layer passes only those through from a converter (anything else becomes a bare 404); answered 400 naming it.
 */
public class InvalidParameterException extends BadRequestException {

    private final FieldProblem problem;

    public InvalidParameterException(String parameter, String message) {
        super(parameter + " " + message);
        this.problem = new FieldProblem(parameter, message);
    }

    public FieldProblem problem() {
        return problem;
    }
}
