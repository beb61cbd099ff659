package io.streamq.security.error;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Anything not mapped otherwise: 500, logged with the request id, and nothing of the exception sent out. */
public class UnexpectedProblems {

    private static final Logger LOG = Logger.getLogger(UnexpectedProblems.class);

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext ctx) {
        return respond(e, ctx);
    }

    public static Response respond(Throwable e, RoutingContext ctx) {
        String requestId = RequestIds.of(ctx);
        LOG.errorf(e, "Unexpected failure of %s %s [request %s]", ctx.request().method(), ctx.request().path(),
                requestId);
        return Problems.response(Problems.status(500, detail(requestId), ctx)).build();
    }

    public static String detail(String requestId) {
        return "An unexpected error occurred. Quote request id " + requestId + " when reporting it.";
    }
}
