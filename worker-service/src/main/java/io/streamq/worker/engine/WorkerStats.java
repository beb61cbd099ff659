package io.streamq.worker.engine;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** This instance's counters for its heartbeat. A job counts as processed once its outcome is recorded. */
@ApplicationScoped
public class WorkerStats {
    private final AtomicInteger active = new AtomicInteger();
    private final LongAdder processed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder processingMs = new LongAdder();

    void started() {
        active.incrementAndGet();
    }

    /** The job's thread ended: its handler returned and its outcome is settled. */
    void ended() {
        active.decrementAndGet();
    }

    void recorded(boolean succeeded, long durationMs) {
        processed.increment();
        processingMs.add(durationMs);
        if (!succeeded) {
            failed.increment();
        }
    }

    public int active() {
        return active.get();
    }

    public long processed() {
        return processed.sum();
    }

    public long failed() {
        return failed.sum();
    }

    public double avgProcessingMs() {
        long n = processed.sum();
        return n == 0 ? 0 : (double) processingMs.sum() / n;
    }
}
