package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.EnumSet;

/**
 * Invalidates monitor-service's cached report of a queue ({@link QueueKeys#statsCache()},
 * {@link QueueKeys#throughputCache()}, {@link QueueKeys#healthCache()}) after an owner action changed the queue, so
 * the next read on any replica computes it afresh instead of serving the counts from before the action. The three
 * keys share the queue's hash tag: one DEL, one slot on a cluster.
 */
@ApplicationScoped
public class QueueStatsCache {

    private static final Logger LOG = Logger.getLogger(QueueStatsCache.class);

    private final ReactiveRedisDataSource redis;

    public QueueStatsCache(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Never fails: it runs after a change already made, which must not be answered as an error (a failed delete
     * leaves the report stale until its TTL, as before).
     */
    public Uni<Void> invalidate(QueueName queue) {
        QueueKeys k = QueueKeys.of(queue);
        return redis.execute(Command.DEL, k.statsCache(), k.throughputCache(), k.healthCache()).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Report cache of queue %s not invalidated: %s", queue, e.toString());
                    return null;
                });
    }

    public Uni<Void> invalidate(Collection<QueueName> queues) {
        if (queues.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(EnumSet.copyOf(queues).stream().map(this::invalidate).toList()).andFailFast()
                .replaceWithVoid();
    }

    /**
     * {@code change}, then the queue's invalidation, whether the change succeeded or failed (a failure may come after
     * part of it was applied); its item or failure is passed on once the cache is gone.
     */
    public <T> Uni<T> after(QueueName queue, Uni<T> change) {
        return change.eventually(() -> invalidate(queue));
    }
}
