package io.streamq.security.error;

import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One id per request, echoed in {@code X-Request-Id} and in every problem, so a client report can be matched to the
 * server's log. An incoming id is kept when it looks like a token, so a gateway's id flows through; anything else
 * (too long, spaces, control characters) could forge or break log lines and is replaced.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = RequestIds.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The id of this request, assigning one (and setting the response header) if no handler did so yet. */
    public static String of(RoutingContext ctx) {
        if (ctx == null) {
            return null;
        }
        String id = ctx.get(KEY);
        return id != null ? id : assign(ctx);
    }

    public static String assign(RoutingContext ctx) {
        String incoming = ctx.request().getHeader(HEADER);
        String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        ctx.put(KEY, id);
        if (!ctx.response().headWritten()) {
            ctx.response().putHeader(HEADER, id);
        }
        return id;
    }
}
