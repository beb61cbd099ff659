package io.streamq.security.error;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Set;

/**
 * Answers 413 as a problem for bodies over the limit. Quarkus enforces the same limit but answers with an empty
 * body, from places no exception mapper reaches; this runs first.
 *
 * <ul>
 * <li>With a Content-Length the size is known up front: refuse before reading anything.</li>
 * <li>Without one (chunked) the size is known only while reading: buffer the body here with a limit; over it, the
 * request fails with 413 and the router's failure handler writes the problem. The REST layer then reads the
 * buffered body instead of the connection.</li>
 * </ul>
 */
final class BodyLimitHandler implements Handler<RoutingContext> {

    private static final Set<HttpMethod> BODYLESS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final long limit;
    private final BodyHandler chunkedBodies;

    BodyLimitHandler(long limit) {
        this.limit = limit;
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(limit).setHandleFileUploads(false)
                .setMergeFormAttributes(false);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            // Reading methods carry no body; buffering them breaks an HTTP/2 cleartext upgrade, which needs the
            // request unread.
            if (BODYLESS.contains(ctx.request().method())) {
                ctx.next();
            } else {
                chunkedBodies.handle(ctx);
            }
            return;
        }
        if (parse(length) > limit) {
            // The unread body is still on the wire; closing is the only way not to read it.
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            ctx.response().endHandler(v -> ctx.request().connection().close());
            Problems.send(ctx, tooLarge(ctx, limit));
            return;
        }
        ctx.next();
    }

    static Problem tooLarge(RoutingContext ctx, long limit) {
        return Problems.status(413, "The request body is larger than " + limit + " bytes.", ctx);
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // Vert.x refuses a malformed Content-Length itself
        }
    }
}
