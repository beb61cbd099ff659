package io.streamq.monitor.metrics;

import io.streamq.core.job.EnqueueOptions;
import io.streamq.core.limits.LimitsState;
import io.streamq.core.limits.QueueLimits;
import io.streamq.core.store.MinuteFacts;
import io.streamq.core.store.QueueSnapshot;
import io.streamq.monitor.limits.LimitsStatus;
import io.streamq.monitor.workers.WorkerSummary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Derives a queue's metrics from a snapshot of its raw facts; pure, so the arithmetic is tested on its own. */
public final class MetricsCalculator {
    private MetricsCalculator() {
    }

    /**
     * Facts the snapshot must hold for a window of {@code windowMinutes}: the window, and at least the last full
     * minute besides the current one.
     */
    public static int minutesToRead(int windowMinutes) {
        return Math.max(2, windowMinutes);
    }

    public static QueueMetrics metrics(QueueSnapshot s, int windowMinutes, WorkerSummary workers, long dlqEntries,
                                       QueueLimits defaults, LimitsState limits) {
        QueueCounts counts = new QueueCounts(s.waiting(), s.active(), s.delayed(), s.completed(), s.failed(),
                s.cancelled(), byPriority(s.waitingByPriority()));
        Long oldestAge = s.oldestWaitingAt() == null ? null : Math.max(0, s.now() - s.oldestWaitingAt());
        return new QueueMetrics(s.queue().wireName(), s.now(), counts, s.paused(), rates(s.minutes(), windowMinutes),
                Percentiles.of(s.processingTimesMs()), oldestAge, s.totalCompleted(), s.totalFailed(),
                s.totalCancelled(), s.totalStalled(), s.totalRetried(),
                s.deadStreamLength(), dlqEntries, workers,
                LimitsStatus.of(defaults, limits, s.now(), s.waiting(), s.active()));
    }

    /** Keyed by priority, in order: a JSON object reads better than a list whose index is off by one. */
    static Map<String, Long> byPriority(List<Long> waiting) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < waiting.size(); i++) {
            out.put(Integer.toString(EnqueueOptions.HIGHEST_PRIORITY + i), waiting.get(i));
        }
        return out;
    }

    /** Over the first {@code windowMinutes} of {@code facts} (the current minute first). */
    static WindowRates rates(List<MinuteFacts> facts, int windowMinutes) {
        List<MinuteFacts> window = facts.subList(0, Math.min(windowMinutes, facts.size()));
        long enqueued = 0, completed = 0, failed = 0, failedAttempts = 0;
        for (MinuteFacts m : window) {
            enqueued += m.enqueued();
            completed += m.completed();
            failed += m.failed();
            failedAttempts += m.failedAttempts();
        }
        int minutes = Math.max(1, window.size());
        long finished = completed + failed;
        long attempts = completed + failedAttempts;
        long lastMinute = facts.size() < 2 ? 0 : facts.get(1).completed() + facts.get(1).failed();
        return new WindowRates(minutes, enqueued, completed, failed, failedAttempts, round(finished / (double) minutes),
                lastMinute, round(enqueued / (double) minutes), round((enqueued - finished) / (double) minutes),
                round(failed / (double) minutes), finished == 0 ? null : round(completed / (double) finished),
                attempts == 0 ? null : round(failedAttempts / (double) attempts));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
