package io.streamq.security.error;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Anything not mapped otherwise: 500, logged with the request id, and nothing of the exception sent out. Two expected
 * failures are a 503 with Retry-After instead, since the client can come back: a Redis connection pool with a full
 * wait queue (overload; nothing was written), and Redis unavailable ({@link RedisOutages}). A request its client
 * abandoned is no failure of ours ({@link AbandonedRequests}).
 */
public class UnexpectedProblems {

    private static final Logger LOG = Logger.getLogger(UnexpectedProblems.class);

    private final RedisOutages outages;

    public UnexpectedProblems(RedisOutages outages) {
        this.outages = outages;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext ctx) {
        if (AbandonedRequests.matches(e, ctx)) {
            return AbandonedRequests.respond(e, ctx);
        }
        return RedisUnavailable.causedBy(e) ? outages.respond(e, ctx) : respond(e, ctx);
    }

    public static Response respond(Throwable e, RoutingContext ctx) {
        if (causedByOverload(e)) {
            LOG.warnf("Overloaded: %s %s refused with 503 (%s)", ctx.request().method(), ctx.request().path(),
                    e.getMessage());
            return Problems.response(Problems.status(503, OVERLOADED, ctx)).header("Retry-After", "1").build();
        }
        String requestId = RequestIds.of(ctx);
        LOG.errorf(e, "Unexpected failure of %s %s [request %s]", ctx.request().method(), ctx.request().path(),
                requestId);
        return Problems.response(Problems.status(500, detail(requestId), ctx)).build();
    }

    static final String OVERLOADED = "The service is overloaded right now; nothing was done. Retry shortly.";

    private static boolean causedByOverload(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectionPoolTooBusyException) {
                return true;
            }
        }
        return false;
    }

    public static String detail(String requestId) {
        return "An unexpected error occurred. Quote request id " + requestId + " when reporting it.";
    }
}
