package io.streamq.bench;

import io.streamq.testing.ServiceApp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Processing: --drain-jobs health-check jobs enqueued first, then {@code workerCount} worker processes drain them
 * while the queue's completed counter is polled; the rate is taken between the first and the last poll that saw
 * completions, so JVM start-up is left out. With {@code mixedPriorities} the i-th job gets priority {@code 1 + i % 10},
 * so nine jobs of ten wait in the prioritized set and every claim serves several levels.
 */
record ProcessingPhase(BenchRun bench, LoadRunner loads, Services services, Target target, int workerCount,
                       boolean mixedPriorities) implements Phase {

    /** How often the completed counter is read. */
    static final long POLL_MS = 50;
    /** A drain with no new completion for this long is reported as stuck and cut short. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public void run() throws Exception {
        RedisNodes conn = target.redis();
        String phase = "processing, " + workerCount + " worker" + (workerCount > 1 ? "s" : "")
                + (conn.isCluster() ? ", cluster" : "") + (mixedPriorities ? ", priorities 1-10" : "");
        conn.flushAll();
        int n = bench.options().integer("drain-jobs");
        LoadRunner.Load pre = loads.bulkLoad(target, n,
                i -> mixedPriorities ? BenchJobs.healthCheckJob(1 + i % 10) : BenchJobs.HEALTH_CHECK_JOB);
        loads.summarize(phase + " (pre-enqueue)", bench.options().integer("bulk-clients"),
                bench.options().integer("bulk-size"), pre);
        long enqueued = pre.jobs();
        loads.checkWaiting(conn, phase, BenchJobs.SYSTEM, enqueued);
        double cpu0 = conn.cpuSeconds();
        List<ServiceApp> workers = services.startWorkers(conn, workerCount, 1000);
        double workerCpu = Double.NaN;
        double workerCpuAtFirst = Double.NaN;
        HostCpu.Sample hostAtFirst = null;
        long firstT = -1;
        long firstC = 0;
        long progressT = -1;
        long progressC = 0;
        boolean complete = false;
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(bench.options().integer("phase-timeout"));
        try {
            for (long tick = 1; System.nanoTime() < deadline; tick++) {
                long c = conn.hashLong(BenchJobs.SYSTEM.counts(), "total:completed");
                long t = System.nanoTime();
                if (c > 0 && firstT < 0) {
                    firstT = t;
                    firstC = c;
                    workerCpuAtFirst = workers.stream().mapToDouble(ServiceApp::cpuSeconds).sum();
                    hostAtFirst = HostCpu.available() ? HostCpu.sample() : null;
                }
                if (c > progressC) {
                    progressT = t;
                    progressC = c;
                }
                if (c >= enqueued) {
                    complete = true;
                    break;
                }
                if (workers.stream().noneMatch(ServiceApp::alive)) {
                    bench.note(phase + ": every worker process exited:\n```\n" + workers.getFirst().logTail(20)
                            + "\n```");
                    break;
                }
                long sinceProgress = t - (progressT > 0 ? progressT : start);
                if (sinceProgress > STALL_TIMEOUT.toNanos() + (progressT > 0 ? 0 : Services.READY_TIMEOUT.toNanos())) {
                    bench.note(String.format("%s: stuck — no completion for %d s at %,d of %,d completed",
                            phase, STALL_TIMEOUT.toSeconds(), progressC, enqueued));
                    break;
                }
                long sleepUntil = start + tick * TimeUnit.MILLISECONDS.toNanos(POLL_MS);
                long nap = sleepUntil - System.nanoTime();
                if (nap > 0) {
                    Thread.sleep(Duration.ofNanos(nap));
                }
            }
        } finally {
            double cpu1 = conn.cpuSeconds();
            double foreign = hostAtFirst == null ? Double.NaN : HostCpu.foreignCores(hostAtFirst, HostCpu.sample());
            workerCpu = workers.stream().mapToDouble(ServiceApp::cpuSeconds).sum();
            Map<String, String> counts = conn.hashAll(BenchJobs.SYSTEM.counts());
            services.stopAll(workers, phase);
            if (!complete) {
                bench.note(String.format("%s: incomplete — %,d of %,d jobs completed; counts after: %s", phase,
                        progressC, enqueued, counts));
            }
            long failed = RedisNodes.parseLong(counts.get("total:failed"))
                    + RedisNodes.parseLong(counts.get("total:retried"));
            if (failed > 0) {
                bench.note(phase + ": jobs failed or were retried; counts after: " + counts);
            }
            long measuredJobs = progressC - firstC;
            long measuredNanos = progressT - firstT;
            double cpuSeconds = cpu1 - cpu0;
            Results.Drain d = new Results.Drain(conn.label(), conn.nodes(), workerCount, mixedPriorities,
                    bench.options().integer("concurrency"), enqueued, progressC,
                    measuredJobs, measuredNanos / 1e9, Stats.perSecond(measuredJobs, measuredNanos), cpuSeconds,
                    progressC > 0 ? Stats.cpuMsPerThousandJobs(cpuSeconds, progressC) : Double.NaN,
                    measuredJobs > 0 ? Stats.cpuMsPerThousandJobs(workerCpu - workerCpuAtFirst, measuredJobs)
                            : Double.NaN, foreign, counts, complete);
            bench.results().drains.add(d);
            BenchMain.log(String.format("%s: %,d jobs in %.2f s = %,.0f jobs/s; redis CPU %.2f s = %.1f ms per 1,000"
                            + " jobs; worker CPU %.0f ms per 1,000 jobs", phase, measuredJobs,
                    d.measuredSeconds(), d.jobsPerSecond(), cpuSeconds, d.redisCpuMsPerThousand(),
                    d.workerCpuMsPerThousand()));
        }
    }
}
