package io.streamq.producer.error;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problems the application raises: bodies that are not JSON, JSON that breaks the rules, and decided statuses. */
public class RequestProblems {

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e, RoutingContext ctx) {
        return Problems.response(Problems.typed(400, ProblemTypes.VALIDATION, "Invalid request", e.getMessage(),
                e.errors(), ctx)).build();
    }

    @ServerExceptionMapper
    public Response decided(ProblemException e, RoutingContext ctx) {
        return Problems.response(Problems.status(e.status(), e.getMessage(), ctx)).build();
    }

    @ServerExceptionMapper
    public Response malformed(MalformedBodyException e, RoutingContext ctx) {
        return malformed(e.getMessage(), ctx);
    }

    // MismatchedInputException is named too: the REST layer has a built-in mapper for it that answers an empty 400.
    @ServerExceptionMapper({JacksonException.class, MismatchedInputException.class})
    public Response unreadable(JacksonException e, RoutingContext ctx) {
        return malformed(MalformedBodyException.describe(e), ctx);
    }

    static Response malformed(String detail, RoutingContext ctx) {
        return Problems.response(Problems.typed(400, ProblemTypes.MALFORMED_BODY, "Malformed request body", detail,
                null, ctx)).build();
    }
}
