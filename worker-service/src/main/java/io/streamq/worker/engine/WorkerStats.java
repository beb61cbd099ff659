package io.streamq.worker.engine;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.WorkerQueueStats;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * This instance's counters for its heartbeat, per queue (a queue's worker numbers are its own, not the whole
 * worker's) and in total. A job counts as processed once its outcome is recorded.
 */
@ApplicationScoped
public class WorkerStats {

    /** One queue's counters; every work queue has one from the start, so the map is never written after. */
    private static final class Counters {
        final AtomicInteger active = new AtomicInteger();
        final LongAdder processed = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder processingMs = new LongAdder();
    }

    private final Map<QueueName, Counters> byQueue;

    public WorkerStats() {
        Map<QueueName, Counters> all = new EnumMap<>(QueueName.class);
        QueueName.workQueues().forEach(q -> all.put(q, new Counters()));
        this.byQueue = Collections.unmodifiableMap(all);
    }

    void started(QueueName queue) {
        byQueue.get(queue).active.incrementAndGet();
    }

    /** The job ended here: its handler returned and its outcome is settled. */
    void ended(QueueName queue) {
        byQueue.get(queue).active.decrementAndGet();
    }

    void recorded(QueueName queue, boolean succeeded, long durationMs) {
        Counters c = byQueue.get(queue);
        c.processed.increment();
        c.processingMs.add(durationMs);
        if (!succeeded) {
            c.failed.increment();
        }
    }

    /** One queue's numbers, with the slots this worker has there. */
    public WorkerQueueStats of(QueueName queue, int concurrency) {
        Counters c = byQueue.get(queue);
        long n = c.processed.sum();
        return new WorkerQueueStats(concurrency, c.active.get(), n, c.failed.sum(), average(c.processingMs.sum(), n));
    }

    public int active() {
        return byQueue.values().stream().mapToInt(c -> c.active.get()).sum();
    }

    public long processed() {
        return byQueue.values().stream().mapToLong(c -> c.processed.sum()).sum();
    }

    public long failed() {
        return byQueue.values().stream().mapToLong(c -> c.failed.sum()).sum();
    }

    public double avgProcessingMs() {
        return average(byQueue.values().stream().mapToLong(c -> c.processingMs.sum()).sum(), processed());
    }

    private static double average(long totalMs, long n) {
        return n == 0 ? 0 : (double) totalMs / n;
    }
}
