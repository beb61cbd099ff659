package io.streamq.dlq.analytics;

import io.streamq.dlq.query.DlqReader;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/** "Now" from the Redis server, the clock every DLQ timestamp comes from, so ages and hours agree across hosts. */
@ApplicationScoped
public class RedisClock {

    static final long HOUR_MS = 3_600_000L;

    private final DlqReader reader;

    public RedisClock(DlqReader reader) {
        this.reader = reader;
    }

    public long nowMs() {
        Response t = reader.send(Request.cmd(Command.TIME));
        return t.get(0).toLong() * 1000 + t.get(1).toLong() / 1000;
    }
}
