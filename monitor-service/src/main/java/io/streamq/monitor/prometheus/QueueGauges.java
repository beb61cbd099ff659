package io.streamq.monitor.prometheus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.EnqueueOptions;
import io.streamq.monitor.limits.LimitsStatus;
import io.streamq.monitor.service.QueueReport;
import io.streamq.monitor.workers.WorkerDirectory;
import io.streamq.monitor.workers.WorkerProcesses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus gauges (names and labels in docs/metrics.md) over the latest report this replica computed or read.
 * Labels are bounded: queue (six), state (six), priority (ten), quantile (three), worker status (two), limit (two);
 * never job ids. A queue's worker gauges are the workers' numbers on that queue (per-queue heartbeat counters). Until
 * a queue's first report a gauge reads NaN, which Prometheus shows as "no value", not as a false zero; so does a
 * limit gauge of a queue without that limit. The gauges show the last report, which may be up to a refresh period
 * (or a cache TTL) old: the age gauges say how old, at each scrape.
 */
@ApplicationScoped
public class QueueGauges {

    private final Map<QueueName, QueueReport> latest = new ConcurrentHashMap<>();

    void register(@Observes StartupEvent start, MeterRegistry registry, WorkerDirectory workers) {
        // Processes, once each however many queues they serve; from this replica's last read of the registry.
        for (String status : List.of("alive", "gone")) {
            Gauge.builder("streamq.worker.processes", workers, w -> {
                WorkerProcesses p = w.latest();
                return p == null ? Double.NaN : "alive".equals(status) ? p.alive() : p.gone();
            }).tags("status", status).strongReference(true).register(registry);
        }
        Gauge.builder("streamq.worker.processes.age.seconds", workers, w -> {
            WorkerProcesses p = w.latest();
            return p == null ? Double.NaN : secondsSince(p.asOf());
        }).strongReference(true).register(registry);
        for (QueueName q : QueueName.workQueues()) {
            Tags queue = Tags.of("queue", q.wireName());
            state(registry, q, "waiting", r -> r.metrics().counts().waiting());
            state(registry, q, "active", r -> r.metrics().counts().active());
            state(registry, q, "delayed", r -> r.metrics().counts().delayed());
            state(registry, q, "completed", r -> r.metrics().counts().completed());
            state(registry, q, "failed", r -> r.metrics().counts().failed());
            state(registry, q, "cancelled", r -> r.metrics().counts().cancelled());
            for (int p = EnqueueOptions.HIGHEST_PRIORITY; p <= EnqueueOptions.LOWEST_PRIORITY; p++) {
                String priority = Integer.toString(p);
                gauge(registry, "streamq.queue.waiting.jobs", queue.and("priority", priority), q,
                        r -> nan(r.metrics().counts().waitingByPriority() == null ? null
                                : r.metrics().counts().waitingByPriority().get(priority)));
            }
            gauge(registry, "streamq.queue.report.age.seconds", queue, q, r -> secondsSince(r.metrics().asOf()));
            gauge(registry, "streamq.queue.paused", queue, q, r -> r.metrics().paused() ? 1 : 0);
            gauge(registry, "streamq.queue.throughput.per.minute", queue, q,
                    r -> r.metrics().rates().throughputPerMinute());
            gauge(registry, "streamq.queue.throughput.last.minute", queue, q,
                    r -> r.metrics().rates().perMinuteLastMinute());
            gauge(registry, "streamq.queue.success.ratio", queue, q, r -> nan(r.metrics().rates().successRate()));
            gauge(registry, "streamq.queue.error.ratio", queue, q, r -> nan(r.metrics().rates().errorRate()));
            gauge(registry, "streamq.queue.processing.avg.ms", queue, q, r -> nan(r.metrics().processing().avgMs()));
            gauge(registry, "streamq.queue.processing.ms", queue.and("quantile", "0.5"), q,
                    r -> nan(r.metrics().processing().p50Ms()));
            gauge(registry, "streamq.queue.processing.ms", queue.and("quantile", "0.95"), q,
                    r -> nan(r.metrics().processing().p95Ms()));
            gauge(registry, "streamq.queue.processing.ms", queue.and("quantile", "0.99"), q,
                    r -> nan(r.metrics().processing().p99Ms()));
            gauge(registry, "streamq.queue.oldest.waiting.seconds", queue, q,
                    r -> r.metrics().oldestWaitingAgeMs() == null ? 0 : r.metrics().oldestWaitingAgeMs() / 1000.0);
            gauge(registry, "streamq.queue.stalled.jobs", queue, q, r -> r.metrics().stalled());
            gauge(registry, "streamq.queue.cancelled.jobs", queue, q, r -> r.metrics().lifetimeCancelled());
            gauge(registry, "streamq.queue.health.score", queue, q, r -> r.health().score());
            gauge(registry, "streamq.queue.critical", queue, q, r -> r.health().critical() ? 1 : 0);
            gauge(registry, "streamq.queue.workers", queue.and("status", "alive"), q,
                    r -> r.metrics().workers().alive());
            gauge(registry, "streamq.queue.workers", queue.and("status", "gone"), q,
                    r -> r.metrics().workers().gone());
            gauge(registry, "streamq.queue.jobs.in.process", queue, q, r -> r.metrics().workers().jobsInProcess());
            gauge(registry, "streamq.queue.worker.slots", queue, q, r -> r.metrics().workers().concurrency());
            gauge(registry, "streamq.queue.dlq.entries", queue, q, r -> r.metrics().dlqEntries());
            gauge(registry, "streamq.queue.dead.pending", queue, q, r -> r.metrics().deadPending());
            gauge(registry, "streamq.queue.rate.limit.jobs", queue, q,
                    r -> limit(r, l -> l.rateLimit() == null ? null : l.rateLimit().jobs()));
            gauge(registry, "streamq.queue.rate.limit.period.seconds", queue, q,
                    r -> limit(r, l -> l.rateLimit() == null ? null : l.rateLimit().perMs() / 1000.0));
            gauge(registry, "streamq.queue.max.active", queue, q, r -> limit(r, LimitsStatus::maxActive));
            for (String limit : List.of("rate", "max-active")) {
                gauge(registry, "streamq.queue.limit.holding", queue.and("limit", limit), q,
                        r -> r.metrics().limits() != null && r.metrics().limits().holdingBy(limit) ? 1 : 0);
            }
        }
    }

    public void update(QueueReport report) {
        QueueName.fromWire(report.metrics().queue()).ifPresent(q -> latest.put(q, report));
    }

    private void state(MeterRegistry registry, QueueName q, String state, ToDoubleFunction<QueueReport> value) {
        gauge(registry, "streamq.queue.jobs", Tags.of("queue", q.wireName(), "state", state), q, value);
    }

    private void gauge(MeterRegistry registry, String name, Tags tags, QueueName q, ToDoubleFunction<QueueReport> value) {
        Gauge.builder(name, this, g -> {
            QueueReport r = g.latest.get(q);
            return r == null ? Double.NaN : value.applyAsDouble(r);
        }).tags(tags).strongReference(true).register(registry);
    }

    /** NaN (no value) without a limit, or before a report that carries limits. */
    private static double limit(QueueReport r, Function<LimitsStatus, Number> value) {
        return r.metrics().limits() == null ? Double.NaN : nan(value.apply(r.metrics().limits()));
    }

    /** Seconds from {@code epochMs} (the Redis clock, for reports) to now on this replica's clock; never negative. */
    private static double secondsSince(long epochMs) {
        return Math.max(0, System.currentTimeMillis() - epochMs) / 1000.0;
    }

    private static double nan(Number n) {
        return n == null ? Double.NaN : n.doubleValue();
    }
}
