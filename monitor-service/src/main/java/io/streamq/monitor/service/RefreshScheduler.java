package io.streamq.monitor.service;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.MonitorKeys;
import io.streamq.monitor.config.MonitorConfig;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Every period each replica asks, per queue, for the period's turn (SET NX with a TTL just under the period): the
 * winner refreshes the queue (caches, alert); the others read the caches, which keeps their Prometheus gauges
 * current. So N replicas cost one computation per queue and period, not N.
 */
@ApplicationScoped
public class RefreshScheduler {

    private static final Logger LOG = Logger.getLogger(RefreshScheduler.class);

    private final String replica = UUID.randomUUID().toString();
    private final MonitorService monitor;
    private final ReactiveRedisDataSource redis;
    private final MonitorConfig config;

    public RefreshScheduler(MonitorService monitor, ReactiveRedisDataSource redis, MonitorConfig config) {
        this.monitor = monitor;
        this.redis = redis;
        this.config = config;
    }

    @Scheduled(every = "${streamq.monitor.refresh-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!config.schedulerEnabled()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(QueueName.workQueues().stream().map(this::tick).toList()).andCollectFailures()
                .replaceWithVoid();
    }

    private Uni<Void> tick(QueueName queue) {
        long turnMs = Math.max(100, config.refreshEvery().toMillis() - 500);
        return redis.execute(Command.SET, MonitorKeys.refreshTurn(queue), replica, "NX", "PX", Long.toString(turnMs))
                .chain(won -> won != null ? monitor.refresh(queue) : monitor.report(queue))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Refresh of queue %s failed: %s", queue, e.toString());
                    return null;
                });
    }
}
