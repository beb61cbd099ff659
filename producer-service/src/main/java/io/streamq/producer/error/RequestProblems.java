package io.streamq.producer.error;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problems the application raises: bodies that are not JSON, JSON that breaks the rules, and decided statuses. */
public class RequestProblems {

    private static final int MAX_PARSER_MESSAGE = 200;

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

    @ServerExceptionMapper
    public Response unreadable(JacksonException e, RoutingContext ctx) {
        return malformed(describe(e), ctx);
    }

    static Response malformed(String detail, RoutingContext ctx) {
        return Problems.response(Problems.typed(400, ProblemTypes.MALFORMED_BODY, "Malformed request body", detail,
                null, ctx)).build();
    }

    /**
     * A parser error says what was wrong at which character, useful to the client. Binding errors name Java types,
     * which mean nothing to a client, so only their location is kept.
     */
    static String describe(JacksonException e) {
        StringBuilder out = new StringBuilder("The request body is not valid JSON");
        if (e instanceof StreamReadException && e.getOriginalMessage() != null) {
            String message = e.getOriginalMessage().strip();
            int cut = message.indexOf('\n');
            if (cut >= 0) {
                message = message.substring(0, cut);
            }
            if (message.length() > MAX_PARSER_MESSAGE) {
                message = message.substring(0, MAX_PARSER_MESSAGE) + "...";
            }
            out.append(": ").append(message);
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            out.append(" (line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(')');
        }
        return out.append('.').toString();
    }
}
