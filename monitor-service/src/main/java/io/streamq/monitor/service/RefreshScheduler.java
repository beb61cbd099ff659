package io.streamq.monitor.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.MonitorKeys;
import io.streamq.core.loop.BackgroundLoop;
import io.streamq.core.loop.FailureBackoff;
import io.streamq.core.loop.LoopTurn;
import io.streamq.monitor.config.MonitorConfig;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
    private final BackgroundLoop loop;

    public RefreshScheduler(MonitorService monitor, ReactiveRedisDataSource redis, MonitorConfig config,
                            MeterRegistry meters) {
        this.monitor = monitor;
        this.redis = redis;
        this.config = config;
        this.loop = new BackgroundLoop("monitor-refresh", this::tick, FailureBackoff.upTo(config.refreshEvery()),
                meters);
    }

    void start(@Observes StartupEvent event) {
        if (config.schedulerEnabled()) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
        loop.join(System.nanoTime() + config.refreshEvery().toNanos());
    }

    /** Every queue at once, at a fixed rate; answers how many queues this replica refreshed. */
    private LoopTurn tick() {
        long start = System.nanoTime();
        int refreshed = Uni.join().all(QueueName.workQueues().stream().map(this::tick).toList()).andCollectFailures()
                .await().atMost(config.refreshEvery()).stream().mapToInt(Integer::intValue).sum();
        return LoopTurn.atRate(refreshed, start, config.refreshEvery());
    }

    /** @return 1 if this replica had the queue's turn and refreshed it */
    private Uni<Integer> tick(QueueName queue) {
        long turnMs = Math.max(100, config.refreshEvery().toMillis() - 500);
        return redis.execute(Command.SET, MonitorKeys.refreshTurn(queue), replica, "NX", "PX", Long.toString(turnMs))
                .chain(won -> won != null ? monitor.refresh(queue).replaceWith(1) : monitor.report(queue).replaceWith(0))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Refresh of queue %s failed: %s", queue, e.toString());
                    return 0;
                });
    }
}
