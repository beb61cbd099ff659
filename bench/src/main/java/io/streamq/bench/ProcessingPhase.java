package io.streamq.bench;

import io.streamq.testing.ServiceApp;

import java.util.List;

/**
 * Processing: --drain-jobs health-check jobs, plus --drain-warmup more, enqueued first; then {@code workerCount}
 * worker processes work them off while the queue's completed counter is polled. The first --drain-warmup completions
 * warm the workers' JIT and are not measured; the rate and the CPU per job span from there to the last completion.
 * With {@code mixedPriorities} the i-th job gets priority {@code 1 + i % 10}, so nine jobs of ten wait in the
 * prioritized set and every claim serves several levels. With a {@code backlog}, that many more jobs are enqueued
 * behind the measured ones and still wait when the measurement ends: the cost of processing with a long queue.
 */
record ProcessingPhase(BenchRun bench, LoadRunner loads, Services services, Target target, int workerCount,
                       boolean mixedPriorities, int backlog) implements Phase {

    static final String COMPLETED = "total:completed";

    @Override
    public void run() throws Exception {
        RedisNodes conn = target.redis();
        String phase = "processing, " + workerCount + " worker" + (workerCount > 1 ? "s" : "")
                + (conn.isCluster() ? ", cluster" : "") + (mixedPriorities ? ", priorities 1-10" : "")
                + (backlog > 0 ? ", " + backlog + " more waiting" : "");
        conn.flushAll();
        int warmup = bench.options().integer("drain-warmup");
        int measured = bench.options().integer("drain-jobs") + warmup;
        int n = measured + backlog;
        LoadRunner.Load pre = loads.bulkLoad(target, n,
                i -> mixedPriorities ? BenchJobs.healthCheckJob(1 + i % 10) : BenchJobs.HEALTH_CHECK_JOB);
        loads.summarize(phase + " (pre-enqueue)", bench.options().integer("bulk-clients"),
                bench.options().integer("bulk-size"), pre);
        long enqueued = pre.jobs();
        loads.checkWaiting(conn, phase, BenchJobs.SYSTEM, enqueued);
        List<ServiceApp> workers = services.startWorkers(conn, workerCount, 1000);
        DrainWatch.Outcome o;
        try {
            o = DrainWatch.watch(bench, phase, conn, BenchJobs.SYSTEM, workers, c -> DrainWatch.field(c, COMPLETED),
                    c -> DrainWatch.field(c, COMPLETED) > warmup, enqueued - backlog);
        } finally {
            services.stopAll(workers, phase);
        }
        long completed = DrainWatch.field(o.countsAfter(), COMPLETED);
        if (!o.complete()) {
            bench.note(String.format("%s: incomplete — %,d of %,d jobs completed; counts after: %s", phase,
                    completed, enqueued - backlog, o.countsAfter()));
        }
        if (DrainWatch.field(o.countsAfter(), "total:failed") + DrainWatch.field(o.countsAfter(), "total:retried") > 0) {
            bench.note(phase + ": jobs failed or were retried; counts after: " + o.countsAfter());
        }
        double redisCpu = o.start() == null ? Double.NaN : o.end().redisCpu() - o.start().redisCpu();
        Results.Drain d = new Results.Drain(conn.label(), conn.nodes(), workerCount, mixedPriorities,
                bench.options().integer("concurrency"), enqueued, warmup, backlog, completed, o.measuredJobs(),
                o.measuredSeconds(), Stats.perSecond(o.measuredJobs(), (long) (o.measuredSeconds() * 1e9)), redisCpu,
                o.cpuMsPerThousand(false), o.cpuMsPerThousand(true), o.foreignCpu(), o.countsAfter(), o.complete(),
                o.commands());
        bench.results().drains.add(d);
        BenchMain.log(String.format("%s: %,d jobs in %.2f s = %,.0f jobs/s; redis CPU %.1f ms per 1,000 jobs; worker"
                        + " CPU %.0f ms per 1,000 jobs", phase, d.measuredJobs(), d.measuredSeconds(),
                d.jobsPerSecond(), d.redisCpuMsPerThousand(), d.workerCpuMsPerThousand()));
    }
}
