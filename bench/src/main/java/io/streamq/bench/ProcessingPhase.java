package io.streamq.bench;

import java.util.List;

/**
 * Processing: --drain-jobs health-check jobs, plus --drain-warmup more, enqueued first; then {@code workerCount}
 * worker processes work them off ({@link DrainRun}). With {@code mixedPriorities} the i-th job gets priority
 * {@code 1 + i % 10}, so nine jobs of ten wait in the prioritized set and every claim serves several levels. With a
 * {@code backlog}, that many more jobs are enqueued behind the measured ones and still wait when the measurement
 * ends: the cost of processing with a long queue.
 */
record ProcessingPhase(BenchRun bench, LoadRunner loads, Services services, Target target, int workerCount,
                       boolean mixedPriorities, int backlog) implements Phase {

    @Override
    public void run() throws Exception {
        String phase = "processing, " + workerCount + " worker" + (workerCount > 1 ? "s" : "")
                + (target.redis().isCluster() ? ", cluster" : "") + (mixedPriorities ? ", priorities 1-10" : "")
                + (backlog > 0 ? ", " + backlog + " more waiting" : "");
        bench.results().drains.add(measure(phase, bench.options().integer("drain-warmup"),
                bench.options().integer("drain-jobs")).drain());
    }

    /** The processing run itself, not recorded: the six-queue phase's one-queue row is this run too. */
    DrainRun.Measured measure(String phase, int warmup, int measured) throws Exception {
        DrainRun.Jobs jobs = new DrainRun.Jobs(List.of(BenchJobs.SYSTEM),
                i -> mixedPriorities ? BenchJobs.healthCheckJob(1 + i % 10) : BenchJobs.HEALTH_CHECK_JOB);
        int concurrency = bench.options().integer("concurrency");
        return new DrainRun(bench, loads, services, target).run(phase, jobs, mixedPriorities, warmup, measured, backlog,
                new DrainRun.Setup(workerCount, concurrency, conn -> services.startWorkers(conn, workerCount,
                        concurrency, 1000)));
    }
}
