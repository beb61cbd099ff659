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

    public static QueueMetrics metrics(QueueSnapshot s, WorkerSummary workers, long dlqEntries, QueueLimits defaults,
                                       LimitsState limits) {
        QueueCounts counts = new QueueCounts(s.waiting(), s.active(), s.delayed(), s.completed(), s.failed(),
                s.cancelled(), byPriority(s.waitingByPriority()));
        Long oldestAge = s.oldestWaitingAt() == null ? null : Math.max(0, s.now() - s.oldestWaitingAt());
        return new QueueMetrics(s.queue().wireName(), s.now(), counts, s.paused(), rates(s),
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

    static WindowRates rates(QueueSnapshot s) {
        long enqueued = 0, completed = 0, failed = 0, failedAttempts = 0;
        for (MinuteFacts m : s.minutes()) {
            enqueued += m.enqueued();
            completed += m.completed();
            failed += m.failed();
            failedAttempts += m.failedAttempts();
        }
        int minutes = Math.max(1, s.minutes().size());
        long finished = completed + failed;
        long attempts = completed + failedAttempts;
        return new WindowRates(minutes, enqueued, completed, failed, failedAttempts, round(finished / (double) minutes),
                round(enqueued / (double) minutes), round((enqueued - finished) / (double) minutes),
                round(failed / (double) minutes), finished == 0 ? null : round(completed / (double) finished),
                attempts == 0 ? null : round(failedAttempts / (double) attempts));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
