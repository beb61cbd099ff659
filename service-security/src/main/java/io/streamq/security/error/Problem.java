package io.streamq.security.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code requestId} is an extension member so a client can quote it to an operator
 * who then finds the matching log line; {@code errors} is present only for input that named fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "requestId", "errors"})
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<FieldProblem> errors) {

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }
}
