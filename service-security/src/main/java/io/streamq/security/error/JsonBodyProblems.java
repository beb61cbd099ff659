package io.streamq.security.error;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.streamq.security.json.LoneSurrogateException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * Bodies Jackson cannot read. Not JSON at all: 400 malformed-body with the parser's position. JSON of the wrong
 * shape for a field (a string where a number goes, an unknown field): 400 validation-error naming the field; Jackson's
 * own wording names Java types, so the message is rebuilt from the kind of failure. A string with an unpaired
 * surrogate (refused by the strict reader, {@code StrictJson}) is named like a field of the wrong shape.
 */
public class JsonBodyProblems {

    private static final int MAX_PARSER_MESSAGE = 200;

    @ServerExceptionMapper
    public Response unreadable(JacksonException e, RoutingContext ctx) {
        return of(e, ctx);
    }

    /** Quarkus REST ships its own mapper for this subtype (plain JSON, Java wording); this one is closer. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, RoutingContext ctx) {
        return of(e, ctx);
    }

    public static Response of(JacksonException e, RoutingContext ctx) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return invalidField(new FieldProblem(path(m.getPath()), message(m)), ctx);
        }
        if (e instanceof LoneSurrogateException s) {
            return invalidField(new FieldProblem(s.field(), "must not contain an unpaired UTF-16 surrogate"), ctx);
        }
        return Problems.response(Problems.typed(400, ProblemTypes.MALFORMED_BODY, "Malformed request body",
                describe(e), null, ctx)).build();
    }

    private static Response invalidField(FieldProblem error, RoutingContext ctx) {
        return Problems.response(Problems.typed(400, ProblemTypes.VALIDATION, "Invalid request",
                "The request has invalid fields.", List.of(error), ctx)).build();
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return out.toString();
    }

    static String message(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            Class<?> type = f.getTargetType();
            if (type.isEnum()) {
                return "is not one of the allowed values";
            }
            if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
                return "must be a number";
            }
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> type = m.getTargetType();
            if (type == String.class) {
                return "must be a string";
            }
            if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class
                    || type == double.class) {
                return "must be a number";
            }
            if (type == boolean.class || type == Boolean.class) {
                return "must be true or false";
            }
        }
        return "is invalid";
    }

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
