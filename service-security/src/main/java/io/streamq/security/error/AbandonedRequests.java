package io.streamq.security.error;

import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * Requests whose client stopped sending the body: the client's doing, not a bug, so no ERROR per request (a crowd of
 * slow clients would otherwise fill the log).
 *
 * <ul>
 * <li>The connection closed meanwhile ({@code quarkus.http.idle-timeout}, or the client left).</li>
 * <li>A blocking body read waited {@code quarkus.http.read-timeout} for a byte: Quarkus REST's input stream closes
 * the connection and fails with "Read timed out".</li>
 * </ul>
 * Either way nobody is left to answer; the 408 is what the request would have deserved.
 */
final class AbandonedRequests {

    private static final Logger LOG = Logger.getLogger(AbandonedRequests.class);
    private static final String READ_TIMED_OUT = "Read timed out";

    private AbandonedRequests() {
    }

    static boolean matches(Throwable failure, RoutingContext ctx) {
        return connectionClosed(failure, ctx) || readTimedOut(failure);
    }

    static Response respond(Throwable failure, RoutingContext ctx) {
        LOG.debugf("%s %s abandoned by its client while sending the body (%s) [request %s]", ctx.request().method(),
                ctx.request().path(), failure, RequestIds.of(ctx));
        return Problems.response(Problems.status(408, "The request body did not arrive in time.", ctx)).build();
    }

    /** Only I/O failures: a bug that happens to coincide with a client leaving is still a bug. */
    private static boolean connectionClosed(Throwable failure, RoutingContext ctx) {
        if (!ctx.response().closed()) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpClosedException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean readTimedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException && READ_TIMED_OUT.equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
