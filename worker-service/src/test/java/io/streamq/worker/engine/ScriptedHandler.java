package io.streamq.worker.engine;

import io.streamq.core.contract.JobType;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler whose work a test chooses (sleep, spin the CPU, ignore its cancellation), standing for the slow or
 * CPU-bound handlers the engine must cope with. It records every attempt it ran and how many ran at once.
 */
final class ScriptedHandler implements JobHandler {

    /** One attempt, from the handler's start to its return. */
    record Run(String jobId, int attempt, long startNanos, long endNanos) {
    }

    interface Work {
        Object run(JobContext context) throws Exception;
    }

    private final JobType type;
    private final Work work;
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    ScriptedHandler(JobType type, Work work) {
        this.type = type;
        this.work = work;
    }

    @Override
    public JobType type() {
        return type;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        long start = System.nanoTime();
        try {
            return work.run(context);
        } finally {
            running.decrementAndGet();
            runs.add(new Run(context.job().jobId(), context.job().attempt(), start, System.nanoTime()));
        }
    }

    /** Attempts that have returned. */
    List<Run> runs() {
        return List.copyOf(runs);
    }

    int running() {
        return running.get();
    }

    int mostAtOnce() {
        return mostAtOnce.get();
    }

    /** Blocks like I/O does: an interrupt ends it. */
    static Object sleep(Duration d) throws InterruptedException {
        Thread.sleep(d);
        return null;
    }

    /** Keeps the CPU busy for {@code d} whatever happens: no interrupt, no cancellation stops it. */
    static Object spin(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        long sink = 0;
        while (System.nanoTime() < end) {
            sink += Long.numberOfTrailingZeros(sink + end);
        }
        return sink == 42 ? "" : null;
    }

    /** Sleeps for {@code d}, ignoring interrupts: a handler deaf to its cancellation, without burning a CPU. */
    static Object ignoreCancellation(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            } catch (InterruptedException ignored) {
                // deaf by design
            }
        }
        return null;
    }
}
