package io.streamq.bench;

import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.ServiceApp;

import java.util.List;
import java.util.Locale;

/**
 * The failure path: one worker, at --failure-concurrency with {@link Services#FAILURE_ATTEMPTS} attempts and no
 * backoff, retries health-check drills (each fails every attempt with a retryable error) until they go to the DLQ.
 * It first works off --failure-warmup drills unmeasured (without them, a third of the worker's CPU in a 30-second
 * run is the JIT compiling it), then --failure-jobs more; the queue is paused while each batch is enqueued.
 * Measured from the worker's first claim of those to the last of them handed to the DLQ, every attempt of every job
 * inside the span, as BullMQ's {@code failures} scenario measures from its worker's start to the last job in its
 * failed set.
 */
record FailuresPhase(BenchRun bench, LoadRunner loads, Services services, Target target) implements Phase {

    static final String DEAD_LETTERED = "total:failed";

    @Override
    public void run() throws Exception {
        RedisNodes conn = target.redis();
        String phase = "failures";
        int warmup = bench.options().integer("failure-warmup");
        int n = bench.options().integer("failure-jobs");
        int concurrency = bench.options().integer("failure-concurrency");
        // Paused while each batch is enqueued, so that the waiting count can be checked and the span starts clean.
        setPaused(conn, true);
        List<ServiceApp> workers = List.of(services.startFailureWorker(conn, concurrency));
        DrainWatch.Outcome o;
        try {
            if (warmup > 0) {
                enqueue(phase + " (warm-up)", warmup);
                setPaused(conn, false);
                DrainWatch.Outcome w = DrainWatch.watch(bench, phase + " (warm-up)", conn, List.of(BenchJobs.SYSTEM),
                        workers, c -> DrainWatch.field(c, DEAD_LETTERED), c -> true, warmup);
                if (!w.complete()) {
                    bench.note(phase + ": the warm-up did not finish; counts after: " + w.countsAfter());
                }
                setPaused(conn, true);
            }
            long enqueued = enqueue(phase, n);
            setPaused(conn, false);
            o = DrainWatch.watch(bench, phase, conn, List.of(BenchJobs.SYSTEM), workers,
                    c -> DrainWatch.field(c, DEAD_LETTERED), c -> DrainWatch.field(c, "waiting") < enqueued,
                    warmup + enqueued);
        } finally {
            services.stopAll(workers, phase);
        }
        long dead = DrainWatch.field(o.countsAfter(), DEAD_LETTERED);
        if (!o.complete()) {
            bench.note(String.format(Locale.ROOT, "%s: incomplete — %,d of %,d jobs reached the DLQ; counts after: %s",
                    phase, dead, warmup + n, o.countsAfter()));
        }
        double seconds = o.measuredSeconds();
        Results.Failures f = new Results.Failures(n, warmup, Services.FAILURE_ATTEMPTS, concurrency, dead,
                o.measuredJobs(), seconds, o.measuredJobs() / seconds, o.cpuMsPerThousand(false),
                o.cpuMsPerThousand(true), o.countsAfter(), o.complete(), o.commands());
        bench.results().failures = f;
        BenchMain.log(String.format(Locale.ROOT, "%s: %,d jobs to the DLQ in %.2f s = %,.0f jobs/s; redis CPU %.1f ms"
                        + " per 1,000 jobs; worker CPU %.0f ms per 1,000 jobs", phase, f.measuredJobs(), seconds,
                f.jobsPerSecond(), f.redisCpuMsPerThousand(), f.workerCpuMsPerThousand()));
    }

    /** Enqueues {@code n} drills in bulk and checks that they all wait; answers how many were accepted. */
    private long enqueue(String label, int n) throws Exception {
        LoadRunner.Load pre = loads.bulkLoad(target, n, i -> BenchJobs.FAILING_HEALTH_CHECK_JOB);
        loads.summarize(label + " (pre-enqueue)", bench.options().integer("bulk-clients"),
                bench.options().integer("bulk-size"), pre);
        loads.checkWaiting(target.redis(), label, List.of(BenchJobs.SYSTEM), pre.jobs());
        return pre.jobs();
    }

    /** Pauses or resumes the queue as an owner would (set-paused.lua's flag): the worker stops claiming meanwhile. */
    private static void setPaused(RedisNodes conn, boolean paused) {
        String meta = BenchJobs.SYSTEM.meta();
        conn.onKey(meta, "HSET", meta, QueueKeys.PAUSED_FIELD, paused ? "1" : "0");
    }
}
