package io.streamq.bench;

import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.ServiceApp;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One processing measurement, the processing phase's and the six-queue phase's: {@code warmup + measured} jobs (plus
 * a {@code backlog}) pre-enqueued in bulk on an empty Redis; then the workers start and work them off while the
 * queues' completed counters are polled. The first {@code warmup} completions warm the workers' JIT and are not
 * measured; the rate and the CPU per job span from there to the last completion. The backlog's jobs are enqueued
 * last and still wait when the measurement ends.
 */
record DrainRun(BenchRun bench, LoadRunner loads, Services services, Target target) {

    static final String COMPLETED = "total:completed";

    /** Starts the worker processes of a run on its Redis. */
    interface Workers {
        List<ServiceApp> start(RedisNodes conn) throws IOException;
    }

    /** The workers of a run: how many, at what concurrency per queue, and how they start. */
    record Setup(int workerCount, int concurrency, Workers start) {
    }

    /** What the jobs are: the queues they go to, and the i-th job's JSON for a bulk request. */
    record Jobs(List<QueueKeys> queues, IntFunction<String> item) {
    }

    /**
     * The figures, each queue's completions within the measured span, and the bench JVM's CPU per 1,000 jobs over it
     * (its poller's, and the peers' when it plays them).
     */
    record Measured(Results.Drain drain, Map<QueueName, Long> completedByQueue, double benchCpuMsPerThousand) {
    }

    Measured run(String phase, Jobs jobs, boolean mixedPriorities, int warmup, int measured, int backlog, Setup setup)
            throws Exception {
        RedisNodes conn = target.redis();
        conn.flushAll();
        LoadRunner.Load pre = loads.bulkLoad(target, warmup + measured + backlog, jobs.item());
        loads.summarize(phase + " (pre-enqueue)", bench.options().integer("bulk-clients"),
                bench.options().integer("bulk-size"), pre);
        long enqueued = pre.jobs();
        loads.checkWaiting(conn, phase, jobs.queues(), enqueued);
        List<ServiceApp> workers = setup.start().start(conn);
        DrainWatch.Outcome o;
        try {
            o = DrainWatch.watch(bench, phase, conn, jobs.queues(), workers, c -> DrainWatch.field(c, COMPLETED),
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
        Results.Drain d = new Results.Drain(conn.label(), conn.nodes(), setup.workerCount(), mixedPriorities,
                setup.concurrency(), enqueued, warmup, backlog, completed, o.measuredJobs(),
                o.measuredSeconds(), Stats.perSecond(o.measuredJobs(), (long) (o.measuredSeconds() * 1e9)), redisCpu,
                o.cpuMsPerThousand(false), o.cpuMsPerThousand(true), o.foreignCpu(), o.countsAfter(), o.complete(),
                o.commands());
        BenchMain.log(String.format("%s: %,d jobs in %.2f s = %,.0f jobs/s; redis CPU %.1f ms per 1,000 jobs; worker"
                        + " CPU %.0f ms per 1,000 jobs", phase, d.measuredJobs(), d.measuredSeconds(),
                d.jobsPerSecond(), d.redisCpuMsPerThousand(), d.workerCpuMsPerThousand()));
        return new Measured(d, o.progressByQueue(), o.benchCpuMsPerThousand());
    }
}
