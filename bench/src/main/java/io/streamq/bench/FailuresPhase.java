package io.streamq.bench;

import io.streamq.testing.ServiceApp;

import java.util.List;
import java.util.Locale;

/**
 * The failure path: --failure-jobs health-check drills (each fails every attempt with a retryable error) are
 * enqueued first; then one worker, at --failure-concurrency with {@link Services#FAILURE_ATTEMPTS} attempts and no
 * backoff, retries each until it goes to the DLQ. Measured from the worker's first claim to the last job handed to
 * the DLQ, as BullMQ's {@code failures} scenario measures from its worker's start to the last job in its failed set.
 */
record FailuresPhase(BenchRun bench, LoadRunner loads, Services services, Target target) implements Phase {

    static final String DEAD_LETTERED = "total:failed";

    @Override
    public void run() throws Exception {
        RedisNodes conn = target.redis();
        String phase = "failures";
        int n = bench.options().integer("failure-jobs");
        LoadRunner.Load pre = loads.bulkLoad(target, n, i -> BenchJobs.FAILING_HEALTH_CHECK_JOB);
        loads.summarize(phase + " (pre-enqueue)", bench.options().integer("bulk-clients"),
                bench.options().integer("bulk-size"), pre);
        long enqueued = pre.jobs();
        loads.checkWaiting(conn, phase, List.of(BenchJobs.SYSTEM), enqueued);
        int concurrency = bench.options().integer("failure-concurrency");
        List<ServiceApp> workers = List.of(services.startFailureWorker(conn, concurrency));
        DrainWatch.Outcome o;
        try {
            o = DrainWatch.watch(bench, phase, conn, List.of(BenchJobs.SYSTEM), workers,
                    c -> DrainWatch.field(c, DEAD_LETTERED), c -> DrainWatch.field(c, "waiting") < enqueued, enqueued);
        } finally {
            services.stopAll(workers, phase);
        }
        long dead = DrainWatch.field(o.countsAfter(), DEAD_LETTERED);
        if (!o.complete()) {
            bench.note(String.format(Locale.ROOT, "%s: incomplete — %,d of %,d jobs reached the DLQ; counts after: %s",
                    phase, dead, enqueued, o.countsAfter()));
        }
        // From the worker's first claim, as BullMQ counts from its worker's start: the span holds every attempt.
        double seconds = o.start() == null ? Double.NaN : (o.lastProgress().nanos() - o.start().nanos()) / 1e9;
        Results.Failures f = new Results.Failures(enqueued, Services.FAILURE_ATTEMPTS, concurrency, dead, seconds,
                dead / seconds, o.cpuMsPerThousand(false), o.cpuMsPerThousand(true), o.countsAfter(), o.complete(),
                o.commands());
        bench.results().failures = f;
        BenchMain.log(String.format(Locale.ROOT, "%s: %,d jobs to the DLQ in %.2f s = %,.0f jobs/s; redis CPU %.1f ms"
                        + " per 1,000 jobs; worker CPU %.0f ms per 1,000 jobs", phase, dead, seconds,
                f.jobsPerSecond(), f.redisCpuMsPerThousand(), f.workerCpuMsPerThousand()));
    }
}
