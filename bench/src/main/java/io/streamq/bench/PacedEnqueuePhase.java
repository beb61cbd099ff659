package io.streamq.bench;

import io.streamq.testing.ServiceApp;

import java.util.Locale;

/**
 * Request latency of {@code POST /v1/jobs} at a steady rate (--paced-rate, e.g. 5,000 requests/s) rather than at
 * saturation: wrk paces --paced-connections connections for --paced-seconds. What a client sees on a busy but not
 * overloaded producer.
 */
record PacedEnqueuePhase(BenchRun bench, Target target) implements Phase {

    @Override
    public void run() throws Exception {
        Options options = bench.options();
        int rate = options.integer("paced-rate");
        int seconds = options.integer("paced-seconds");
        int connections = options.integer("paced-connections");
        ServiceApp producer = target.producer();
        RedisNodes redis = target.redis();
        double producer0 = producer.cpuSeconds();
        double redis0 = redis.cpuSeconds();
        WrkLoad.Result w = WrkLoad.post(bench, "paced", target.api().url(EnqueueSinglePhase.PATH),
                target.api().bearer(), BenchJobs.HEALTH_CHECK_JOB, connections, seconds, rate);
        double producerCpu = producer.cpuSeconds() - producer0;
        double redisCpu = redis.cpuSeconds() - redis0;
        long errors = w.failed() + w.socketErrors();
        if (errors > 0) {
            bench.note(String.format(Locale.ROOT, "paced enqueue: %,d of %,d requests failed; wrk's output is"
                    + " paced.out in the log folder", errors, w.requests()));
        }
        long accepted = w.requests() - w.failed();
        Results.CpuPerThousand cpu = new Results.CpuPerThousand(Stats.cpuMsPerThousandJobs(producerCpu, accepted),
                Stats.cpuMsPerThousandJobs(redisCpu, accepted), Stats.cpuMsPerThousandJobs(w.cpuSeconds(), accepted));
        Results.Paced paced = new Results.Paced(rate, connections, seconds, w.requests(), errors,
                w.requestsPerSecond(), w.micros(), cpu);
        bench.results().paced = paced;
        BenchMain.log(String.format(Locale.ROOT, "paced enqueue: target %,d/s, achieved %,.0f/s; request p50 %.2f ms"
                        + " p99 %.2f ms max %.2f ms", rate, paced.achievedRate(), w.micros().p50() / 1e3,
                w.micros().p99() / 1e3, w.micros().max() / 1e3));
    }
}
