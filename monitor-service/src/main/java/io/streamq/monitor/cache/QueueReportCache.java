package io.streamq.monitor.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Each queue's computed report, its metrics, throughput and health ({@code q:stats:}, {@code q:throughput:},
 * {@code q:health:}; docs/metrics.md#caching-and-refresh), as JSON strings with a TTL, so many owners and many monitor
 * replicas read one computed value instead of each recomputing it.
 */
@ApplicationScoped
public class QueueReportCache {

    private static final Logger LOG = Logger.getLogger(QueueReportCache.class);

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;

    public QueueReportCache(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
        this.mapper = mapper;
    }

    /** The cached value; empty when missing or unreadable (e.g. written by an older version). */
    public <T> Uni<Optional<T>> get(String key, Class<T> type) {
        return redis.execute(Command.GET, key).map(r -> {
            if (r == null) {
                return Optional.<T>empty();
            }
            try {
                return Optional.of(mapper.readValue(r.toString(), type));
            } catch (IOException e) {
                LOG.debugf("Unreadable cache entry %s: %s", key, e.getMessage());
                return Optional.<T>empty();
            }
        });
    }

    /** Overwrites: the refresher that holds this period's turn publishes the fresh value. */
    public Uni<Void> put(String key, Object value, Duration ttl) {
        return redis.execute(Command.SET, key, json(value), "PX", Long.toString(ttl.toMillis())).replaceWithVoid();
    }

    /** Writes only when absent: of several replicas filling a miss at once, the first value stays for the period. */
    public Uni<Void> putIfAbsent(String key, Object value, Duration ttl) {
        return redis.execute(Command.SET, key, json(value), "NX", "PX", Long.toString(ttl.toMillis()))
                .replaceWithVoid();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
