package io.streamq.monitor.service;

import io.smallrye.mutiny.Uni;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.QueueReader;
import io.streamq.monitor.alert.AlertPublisher;
import io.streamq.monitor.cache.QueueReportCache;
import io.streamq.monitor.cache.ThroughputEntry;
import io.streamq.monitor.config.HealthConfig;
import io.streamq.monitor.config.MonitorConfig;
import io.streamq.monitor.health.HealthRules;
import io.streamq.monitor.health.QueueHealth;
import io.streamq.monitor.limits.QueueLimitsService;
import io.streamq.monitor.metrics.MetricsCalculator;
import io.streamq.monitor.metrics.QueueMetrics;
import io.streamq.monitor.metrics.QueueThroughput;
import io.streamq.monitor.prometheus.QueueGauges;
import io.streamq.monitor.workers.WorkerDirectory;
import io.streamq.monitor.workers.WorkerProcess;
import io.streamq.monitor.workers.WorkerProcesses;
import io.streamq.monitor.workers.WorkerView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The queue metrics of docs/metrics.md. Reads go through the report caches (read-through: a miss computes and fills
 * them with SET NX);
 * {@link #refresh} recomputes, overwrites the caches and evaluates the alert — the scheduler does that once per
 * period and queue across all replicas.
 */
@ApplicationScoped
public class MonitorService {

    private final QueueReader reader;
    private final WorkerDirectory workers;
    private final QueueCatalog catalog;
    private final HealthConfig healthConfig;
    private final MonitorConfig config;
    private final QueueReportCache cache;
    private final AlertPublisher alerts;
    private final QueueGauges gauges;
    private final QueueLimitsService limits;

    public MonitorService(QueueReader reader, WorkerDirectory workers, QueueCatalog catalog, HealthConfig healthConfig,
                          MonitorConfig config, QueueReportCache cache, AlertPublisher alerts, QueueGauges gauges,
                          QueueLimitsService limits) {
        this.reader = reader;
        this.workers = workers;
        this.catalog = catalog;
        this.healthConfig = healthConfig;
        this.config = config;
        this.cache = cache;
        this.alerts = alerts;
        this.gauges = gauges;
        this.limits = limits;
    }

    /** Metrics and health of a queue, from the caches when fresh. */
    public Uni<QueueReport> report(QueueName queue) {
        QueueKeys k = QueueKeys.of(queue);
        return Uni.combine().all().unis(cache.get(k.statsCache(), QueueMetrics.class),
                        cache.get(k.healthCache(), QueueHealth.class)).asTuple()
                .chain(t -> {
                    if (t.getItem1().isPresent() && t.getItem2().isPresent()) {
                        QueueReport cached = new QueueReport(t.getItem1().get(), t.getItem2().get());
                        gauges.update(cached);
                        return Uni.createFrom().item(cached);
                    }
                    return workers.all().chain(all -> compute(queue, all))
                            .call(r -> write(queue, r, true))
                            .invoke(gauges::update);
                });
    }

    public Uni<List<QueueReport>> reports() {
        return Uni.join().all(QueueName.workQueues().stream().map(this::report).toList()).andFailFast();
    }

    /** Fresh numbers: computed now, written over the caches, alert state updated. */
    public Uni<QueueReport> refresh(QueueName queue) {
        return workers.all().chain(all -> compute(queue, all))
                .call(r -> write(queue, r, false))
                .call(r -> alerts.evaluate(queue, r.health()))
                .invoke(gauges::update);
    }

    private Uni<QueueReport> compute(QueueName queue, List<WorkerProcess> all) {
        int window = config.windowMinutes();
        return Uni.combine().all().unis(
                        reader.snapshot(queue, MetricsCalculator.minutesToRead(window), config.processingSamples()),
                        reader.dlqEntries(queue), limits.state(queue)).asTuple()
                .map(t -> {
                    QueueMetrics metrics = MetricsCalculator.metrics(t.getItem1(), window,
                            WorkerDirectory.summary(WorkerDirectory.of(all, queue.wireName())), t.getItem2(),
                            limits.defaults(queue), t.getItem3());
                    QueueHealth health = HealthRules.evaluate(metrics, catalog.settings(queue), healthConfig);
                    return new QueueReport(metrics, health);
                });
    }

    private Uni<Void> write(QueueName queue, QueueReport r, boolean onlyIfAbsent) {
        QueueKeys k = QueueKeys.of(queue);
        ThroughputEntry throughput = new ThroughputEntry(queue.wireName(), r.metrics().asOf(),
                r.metrics().rates().minutes(), r.metrics().rates().throughputPerMinute());
        if (onlyIfAbsent) {
            return Uni.join().all(cache.putIfAbsent(k.statsCache(), r.metrics(), config.statsTtl()),
                            cache.putIfAbsent(k.throughputCache(), throughput, config.throughputTtl()),
                            cache.putIfAbsent(k.healthCache(), r.health(), config.healthTtl()))
                    .andFailFast().replaceWithVoid();
        }
        return Uni.join().all(cache.put(k.statsCache(), r.metrics(), config.statsTtl()),
                        cache.put(k.throughputCache(), throughput, config.throughputTtl()),
                        cache.put(k.healthCache(), r.health(), config.healthTtl()))
                .andFailFast().replaceWithVoid();
    }

    /** Completed and failed per minute over the last {@code minutes}, read now from the per-minute facts. */
    public Uni<QueueThroughput> throughput(QueueName queue, int minutes) {
        return reader.snapshot(queue, minutes, 0).map(QueueThroughput::of);
    }

    public Uni<List<WorkerView>> workers(QueueName queue) {
        return workers.all().map(all -> WorkerDirectory.of(all, queue.wireName()));
    }

    /** Every worker process, counted once however many queues it serves. */
    public Uni<WorkerProcesses> processes() {
        return workers.all().map(WorkerProcesses::of);
    }
}
