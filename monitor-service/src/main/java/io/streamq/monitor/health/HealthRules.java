package io.streamq.monitor.health;

import io.streamq.core.config.QueueSettings;
import io.streamq.monitor.config.HealthConfig;
import io.streamq.monitor.metrics.QueueMetrics;
import io.streamq.monitor.metrics.WindowRates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The health rules of docs/health.md, in that order. Pure: metrics and settings in, score and issues out. A paused
 * queue is its owner's intent: its backlog growing and its jobs waiting are what a pause does, so those rules stay
 * quiet and one informational issue says it is paused (penalty {@code paused.penalty}, 0 by default).
 */
public final class HealthRules {
    private HealthRules() {
    }

    public static QueueHealth evaluate(QueueMetrics m, QueueSettings settings, HealthConfig c) {
        List<HealthIssue> issues = new ArrayList<>();
        String q = m.queue();
        long waiting = m.counts().waiting();
        int liveWorkers = m.workers().alive();
        WindowRates r = m.rates();

        if (!m.paused() && waiting > 0 && r.backlogGrowthPerMinute() >= c.backlog().growthPerMinute()) {
            issues.add(new HealthIssue("backlog-growth",
                    fmt("backlog grows %s/min over the last %d min (%s enqueued/min, %s finished/min); %d waiting",
                            num(r.backlogGrowthPerMinute()), r.minutes(), num(r.enqueuedPerMinute()),
                            num(r.throughputPerMinute()), waiting),
                    fmt("%d workers consume %s; backlog grows %s/min: raise %s concurrency (streamq.queue.%s.concurrency,"
                                    + " now %d per worker) or add worker replicas", liveWorkers, q,
                            num(r.backlogGrowthPerMinute()), q, q, settings.concurrency()),
                    c.backlog().penalty(),
                    facts("queue", q, "growthPerMinute", r.backlogGrowthPerMinute(), "minutes", r.minutes(),
                            "enqueuedPerMinute", r.enqueuedPerMinute(), "finishedPerMinute", r.throughputPerMinute(),
                            "waiting", waiting, "workers", liveWorkers, "concurrency", settings.concurrency())));
        }
        if (waiting > 0 && liveWorkers == 0) {
            issues.add(new HealthIssue("no-workers", fmt("no live worker consumes %s while %d jobs wait", q, waiting),
                    fmt("start worker-service with %s among its queues, or find out why its workers stopped "
                            + "(GET /owner/queues/%s/workers lists the gone ones)", q, q),
                    c.noWorkers().penalty(), facts("queue", q, "waiting", waiting)));
        }
        if (r.errorRate() != null && r.attempts() >= c.errorRate().minAttempts()
                && r.errorRate() >= c.errorRate().warning()) {
            boolean severe = r.errorRate() >= c.errorRate().critical();
            issues.add(new HealthIssue("error-rate",
                    fmt("%s%% of attempts failed in the last %d min (%d of %d)", num(r.errorRate() * 100), r.minutes(),
                            r.failedAttempts(), r.attempts()),
                    fmt("look at the top failure reasons (GET /owner/queues/%s/failure-reasons) and fix the failing "
                            + "dependency or handler", q),
                    severe ? c.errorRate().criticalPenalty() : c.errorRate().warningPenalty(),
                    facts("queue", q, "errorPercent", r.errorRate() * 100, "minutes", r.minutes(),
                            "failedAttempts", r.failedAttempts(), "attempts", r.attempts())));
        }
        Duration target = c.waitTime().target().getOrDefault(q, c.waitTime().defaultTarget());
        if (!m.paused() && m.oldestWaitingAgeMs() != null && m.oldestWaitingAgeMs() > target.toMillis()) {
            boolean severe = m.oldestWaitingAgeMs() > target.toMillis() * c.waitTime().severeFactor();
            issues.add(new HealthIssue("wait-time",
                    fmt("the oldest waiting job is %d s old; the target of %s is %d s", m.oldestWaitingAgeMs() / 1000,
                            q, target.toSeconds()),
                    fmt("add worker replicas or raise %s concurrency until the oldest job is younger than %d s",
                            q, target.toSeconds()),
                    severe ? c.waitTime().severePenalty() : c.waitTime().penalty(),
                    facts("queue", q, "oldestWaitingSeconds", m.oldestWaitingAgeMs() / 1000,
                            "targetSeconds", target.toSeconds())));
        }
        long timeoutMs = settings.timeout().toMillis();
        Long p95 = m.processing().p95Ms();
        if (p95 != null && p95 > timeoutMs * c.processingTime().timeoutShare()) {
            issues.add(new HealthIssue("processing-time",
                    fmt("p95 processing time %d ms is %s%% of the %s handler timeout (%d ms)", p95,
                            num(100.0 * p95 / timeoutMs), q, timeoutMs),
                    fmt("speed up the slow job types of %s or raise streamq.queue.%s.timeout before jobs start timing out",
                            q, q),
                    c.processingTime().penalty(),
                    facts("queue", q, "p95Ms", p95, "timeoutPercent", 100.0 * p95 / timeoutMs, "timeoutMs", timeoutMs)));
        }
        long lifetimeFinished = m.lifetimeCompleted() + m.lifetimeFailed();
        if (lifetimeFinished >= c.stalled().minFinished() && m.stalled() > 0
                && (double) m.stalled() / lifetimeFinished > c.stalled().ratio()) {
            issues.add(new HealthIssue("stalled",
                    fmt("%d jobs of %s stalled (their worker went silent and another reclaimed them)", m.stalled(), q),
                    fmt("check worker crashes and memory, or raise streamq.queue.%s.visibility-timeout (now %d s) if "
                            + "jobs are merely slow", q, settings.visibilityTimeout().toSeconds()),
                    c.stalled().penalty(), facts("queue", q, "stalled", m.stalled(),
                            "visibilityTimeoutSeconds", settings.visibilityTimeout().toSeconds())));
        }
        if (m.deadPending() > c.dlq().deadBacklog() || r.failedPerMinute() >= c.dlq().failedPerMinute()) {
            boolean stuck = m.deadPending() > c.dlq().deadBacklog();
            issues.add(new HealthIssue("dlq-growth",
                    stuck ? fmt("%d failures of %s wait in its dead stream for dlq-service", m.deadPending(), q)
                            : fmt("%s jobs/min of %s fail for good (DLQ holds %d of them)", num(r.failedPerMinute()), q,
                            m.dlqEntries()),
                    stuck ? "check that dlq-service runs and keeps up; the failures are kept until it does"
                            : fmt("inspect the DLQ entries of %s and replay them once the cause is fixed", q),
                    c.dlq().penalty(), facts("queue", q, "stuck", stuck, "deadPending", m.deadPending(),
                            "failedPerMinute", r.failedPerMinute(), "dlqEntries", m.dlqEntries())));
        } else if (m.dlqEntries() > 0) {
            issues.add(new HealthIssue("dlq-unresolved",
                    fmt("%d dead-lettered jobs of %s are still in the DLQ", m.dlqEntries(), q),
                    fmt("inspect them (GET /owner/dlq?originalQueue=%s), replay those whose cause is fixed and delete the "
                            + "rest", q),
                    c.dlq().unresolvedPenalty(), facts("queue", q, "dlqEntries", m.dlqEntries())));
        }
        if (m.paused() && waiting > 0) {
            issues.add(new HealthIssue("paused-backlog", fmt("%s is paused by its owner with %d waiting jobs%s", q,
                    waiting, m.oldestWaitingAgeMs() == null ? ""
                            : fmt(", the oldest waiting %d s", m.oldestWaitingAgeMs() / 1000)),
                    fmt("resume it (POST /owner/queues/%s/resume) when the reason for the pause is over", q),
                    c.paused().penalty(), m.oldestWaitingAgeMs() == null ? facts("queue", q, "waiting", waiting)
                            : facts("queue", q, "waiting", waiting, "oldestWaitingSeconds", m.oldestWaitingAgeMs() / 1000)));
        }

        int score = Math.max(0, 100 - issues.stream().mapToInt(HealthIssue::penalty).sum());
        HealthStatus status = score >= c.healthyAtLeast() ? HealthStatus.HEALTHY
                : score >= c.warningAtLeast() ? HealthStatus.WARNING : HealthStatus.CRITICAL;
        return new QueueHealth(q, m.asOf(), score, status, List.copyOf(issues));
    }

    /** Name, value, name, value…: in that order, numbers rounded as the texts round them. */
    private static Map<String, Object> facts(Object... namesAndValues) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            facts.put((String) namesAndValues[i], value instanceof Double d ? Double.valueOf(num(d)) : value);
        }
        return facts;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Up to one decimal, without a trailing ".0". */
    private static String num(double v) {
        double rounded = Math.round(v * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
