package io.streamq.security.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * Builds problem documents and writes them either as a JAX-RS response or straight to Vert.x (for errors that
 * happen before or outside the REST layer). Serialised here rather than by the REST layer's JSON provider, so the
 * same bytes come out of both paths and no provider has to know {@code application/problem+json}.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    // A private mapper: the application's mapper may be configured in ways (naming, inclusion) the RFC shape must
    // not follow.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Problems() {
    }

    /** A plain HTTP error: {@code about:blank} with the status phrase as title. */
    public static Problem status(int status, String detail, RoutingContext ctx) {
        return new Problem(ProblemTypes.BLANK, reason(status), status, detail, instance(ctx), RequestIds.of(ctx),
                null);
    }

    public static Problem typed(int status, String type, String title, String detail, List<FieldProblem> errors,
                                RoutingContext ctx) {
        return new Problem(type, title, status, detail, instance(ctx), RequestIds.of(ctx), errors);
    }

    public static Response.ResponseBuilder response(Problem problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(json(problem));
    }

    /** Ends the Vert.x response with the problem unless something was already sent. */
    public static void send(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .end(json(problem));
    }

    public static String json(Problem problem) {
        try {
            return MAPPER.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            // Records of strings and ints always serialise; this is a bug.
            throw new IllegalStateException("cannot serialise a problem", e);
        }
    }

    public static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    /** The path only: the query may carry values the client would not want echoed into logs and caches. */
    private static String instance(RoutingContext ctx) {
        return ctx == null ? null : ctx.request().path();
    }
}
