package io.streamq.security.error;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests refused because Redis is unavailable ({@link RedisUnavailable}): 503 with Retry-After, and one WARN per
 * outage instead of an ERROR per request (a 10 s outage under load is thousands of requests). The first refusal of
 * an outage logs it and starts a PING every second; the first answer logs an INFO with the outage's length and the
 * requests refused meanwhile, and the next refusal starts a new outage.
 */
@ApplicationScoped
public class RedisOutages {

    /** Seconds: the Redis client reconnects on the next command, so a restart is over in a few seconds. */
    static final String RETRY_AFTER = "2";
    static final String DETAIL = "The service cannot reach its data store right now. Retry shortly; a request cut off "
            + "in flight may or may not have taken effect.";

    private static final Logger LOG = Logger.getLogger(RedisOutages.class);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong refused = new AtomicLong();
    private volatile long downSince;

    public RedisOutages(ReactiveRedisDataSource redis, Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
    }

    /** The REST layer's answer to a request that failed with {@code cause}. */
    public Response respond(Throwable cause, RoutingContext ctx) {
        return Problems.response(refuse(cause, ctx)).header("Retry-After", RETRY_AFTER).build();
    }

    /** The same answer written straight to Vert.x, for failures that reach the router. */
    public void send(Throwable cause, RoutingContext ctx) {
        Problem problem = refuse(cause, ctx);
        if (!ctx.response().headWritten()) {
            ctx.response().putHeader("Retry-After", RETRY_AFTER);
        }
        Problems.send(ctx, problem);
    }

    /** Counts a failure caused by an unavailable Redis; the first of an outage is logged. */
    public void failed(Throwable cause) {
        refused.incrementAndGet();
        if (down.compareAndSet(false, true)) {
            downSince = System.nanoTime();
            LOG.warnf("Redis is unavailable (%s): requests that need it are answered 503 until it answers again",
                    describe(cause));
            probeLater();
        }
    }

    private Problem refuse(Throwable cause, RoutingContext ctx) {
        failed(cause);
        LOG.debugf("%s %s refused with 503: Redis unavailable [request %s]", ctx.request().method(),
                ctx.request().path(), RequestIds.of(ctx));
        return Problems.status(503, DETAIL, ctx);
    }

    private void probeLater() {
        vertx.setTimer(PROBE_EVERY.toMillis(), id -> redis.execute(Command.PING)
                .ifNoItem().after(PROBE_EVERY).fail()
                .subscribe().with(pong -> recovered(), failure -> probeLater()));
    }

    private void recovered() {
        long seconds = Duration.ofNanos(System.nanoTime() - downSince).toSeconds();
        long count = refused.getAndSet(0);
        down.set(false);
        LOG.infof("Redis answers again after about %d s; %d requests were refused with 503 meanwhile", seconds, count);
    }

    /** The innermost cause's class and message: "ConnectException: Connection refused: /127.0.0.1:6379". */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
