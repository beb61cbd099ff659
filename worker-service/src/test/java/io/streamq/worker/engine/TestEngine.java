package io.streamq.worker.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** An engine a test starts, stops or cuts off, with its own counters. */
final class TestEngine implements AutoCloseable {
    final Engine engine;
    final WorkerStats stats;
    final IsolatedStore store;
    private boolean started;
    private boolean stopped;

    TestEngine(Engine engine, WorkerStats stats, IsolatedStore store) {
        this.engine = engine;
        this.stats = stats;
        this.store = store;
    }

    TestEngine start() {
        started = true;
        engine.start();
        return this;
    }

    /** @return how long the stop took, in ms */
    long stop(Duration grace) {
        long start = System.nanoTime();
        stopped = true;
        engine.stop(grace);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Cuts the engine off Redis for good, as a crash does: nothing it does from now on reaches the queue. */
    void cutOff() {
        store.close();
    }

    @Override
    public void close() {
        if (started && !stopped) {
            stop(Duration.ZERO);
        }
        store.close();
    }
}
