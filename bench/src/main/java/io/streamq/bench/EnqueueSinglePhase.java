package io.streamq.bench;

import io.streamq.testing.ServiceApp;

import java.util.List;
import java.util.Locale;

/**
 * Single enqueues: --single-clients wrk connections send {@code POST /v1/jobs} of one health-check job each, as fast
 * as answers come back, for --single-seconds, after --single-warmup-seconds of the same that are not measured (the
 * producer's JIT compiler is still busy for a good while after start-up). Accepted jobs are counted in Redis.
 */
record EnqueueSinglePhase(BenchRun bench, LoadRunner loads, Target target) implements Phase {

    static final String PATH = "/v1/jobs";
    /** Time for the requests in flight when wrk stops to be answered. */
    private static final long IN_FLIGHT_SETTLE_MS = 1_000;

    @Override
    public void run() throws Exception {
        Options options = bench.options();
        int connections = options.integer("single-clients");
        int seconds = options.integer("single-seconds");
        int warmup = options.integer("single-warmup-seconds");
        String url = target.api().url(PATH);
        RedisNodes redis = target.redis();
        if (warmup > 0) {
            BenchMain.log("single: " + warmup + " s of wrk warm-up");
            WrkLoad.post(bench, "single-warmup", url, target.api().bearer(), BenchJobs.HEALTH_CHECK_JOB, connections,
                    warmup, 0);
            Sleep.millis(IN_FLIGHT_SETTLE_MS);
            redis.flushAll();
        }
        ServiceApp producer = target.producer();
        double producer0 = producer.cpuSeconds();
        double redis0 = redis.cpuSeconds();
        WrkLoad.Result w = WrkLoad.post(bench, "single", url, target.api().bearer(), BenchJobs.HEALTH_CHECK_JOB,
                connections, seconds, 0);
        double producerCpu = producer.cpuSeconds() - producer0;
        double redisCpu = redis.cpuSeconds() - redis0;
        long accepted = w.requests() - w.failed();
        Sleep.millis(IN_FLIGHT_SETTLE_MS);
        long waiting = redis.hashLong(BenchJobs.SYSTEM.counts(), "waiting");
        long errors = w.failed() + w.socketErrors();
        if (errors > 0) {
            bench.note(String.format(Locale.ROOT, "enqueue single: %,d of %,d requests failed (%,d non-2xx answers,"
                    + " %,d socket errors); wrk's output is single.out in the log folder", errors, w.requests(),
                    w.failed(), w.socketErrors()));
        }
        // wrk counts the answers that came within its duration; the requests still in flight then are enqueued too.
        if (waiting < accepted || waiting > accepted + connections) {
            bench.note(String.format(Locale.ROOT, "enqueue single: %,d requests answered 2xx (and at most %d were in"
                    + " flight at the end) but the queue counts %,d waiting jobs", accepted, connections, waiting));
        }
        Results.CpuPerThousand cpu = new Results.CpuPerThousand(Stats.cpuMsPerThousandJobs(producerCpu, accepted),
                Stats.cpuMsPerThousandJobs(redisCpu, accepted), Stats.cpuMsPerThousandJobs(w.cpuSeconds(), accepted));
        double jobsPerSecond = Stats.perSecond(accepted, w.durationMicros() * 1_000);
        bench.results().single = new Results.Enqueue("wrk", connections, 1, w.requests(), accepted, errors,
                w.durationMicros() / 1e6, jobsPerSecond, w.micros(), false, cpu);
        BenchMain.log(String.format(Locale.ROOT, "enqueue single (wrk): %,d jobs in %.2f s = %,.0f jobs/s, request"
                        + " p50 %.2f ms p99 %.2f ms; CPU ms per 1,000 jobs: producer %.0f, redis %.0f, wrk %.0f",
                accepted, w.durationMicros() / 1e6, jobsPerSecond, w.micros().p50() / 1e3, w.micros().p99() / 1e3,
                cpu.producerMs(), cpu.redisMs(), cpu.clientMs()));
        loads.checkWaiting(redis, "enqueue single", List.of(BenchJobs.SYSTEM), waiting);
    }
}
