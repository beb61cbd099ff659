package io.streamq.monitor.platform;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.monitor.config.MonitorConfig;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Redis as this service reaches it: one PING timed, then INFO. Never fails: no answer is {@code reachable: false}. */
@ApplicationScoped
public class RedisProbe {

    private final ReactiveRedisDataSource redis;
    private final Duration timeout;

    public RedisProbe(ReactiveRedisDataSource redis, MonitorConfig config) {
        this.redis = redis;
        this.timeout = config.platform().timeout();
    }

    public Uni<RedisStatus> probe() {
        return Uni.createFrom().deferred(() -> {
                    long start = System.nanoTime();
                    return redis.execute(Command.PING).map(pong -> Failures.millisSince(start));
                })
                .chain(latency -> redis.execute(Command.INFO).map(info -> status(latency, info.toString())))
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(e -> RedisStatus.unreachable(Failures.describe(e)));
    }

    static RedisStatus status(double latencyMs, String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return new RedisStatus(true, latencyMs, fields.get("redis_version"), fields.get("role"),
                number(fields.get("connected_clients")), number(fields.get("used_memory")),
                number(fields.get("maxmemory")), null);
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
