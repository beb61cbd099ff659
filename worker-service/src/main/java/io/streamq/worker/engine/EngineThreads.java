package io.streamq.worker.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The threads of one engine besides its loops: a virtual thread per job (handlers block on I/O, so thousands can
 * wait without a pool to size), and platform threads for what must not wait behind handlers that keep the
 * virtual-thread carriers busy: the timers that cancel overdue handlers and the recording of completions.
 */
final class EngineThreads {

    final ExecutorService jobs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("streamq-job-", 0)
            .factory());
    final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().name("streamq-timer-", 0).daemon().factory());
    final ExecutorService outcomes = Executors.newCachedThreadPool(Thread.ofPlatform().name("streamq-outcomes-", 0)
            .daemon().factory());

    EngineThreads() {
        // A timer per job is cancelled when the job ends; without this the queue keeps them until they were due.
        timers.setRemoveOnCancelPolicy(true);
    }

    /** Interrupts whatever still runs: handlers that ignored their stop, outcomes still retrying. */
    void close() {
        jobs.shutdownNow();
        outcomes.shutdownNow();
        timers.shutdownNow();
    }
}
