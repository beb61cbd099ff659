package io.streamq.bench;

import io.streamq.testing.ServiceApp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Single enqueues through two producer-service replicas on the same Redis, as behind a load balancer: a second
 * replica is started and warmed up, then two wrk processes, half of --single-clients connections each, send
 * {@code POST /v1/jobs} to one replica each for --single-seconds. Compared with the single phase, it shows what a
 * second replica adds on the same machine.
 */
record ReplicasPhase(BenchRun bench, Services services, Target target) implements Phase {

    static final int REPLICAS = 2;

    @Override
    public void run() throws Exception {
        Options options = bench.options();
        int connections = Math.max(1, options.integer("single-clients") / REPLICAS);
        int seconds = options.integer("single-seconds");
        int warmup = options.integer("single-warmup-seconds");
        RedisNodes redis = target.redis();
        Target second = services.startProducer(redis);
        List<Target> replicas = List.of(target, second);
        try (ExecutorService wrks = Executors.newVirtualThreadPerTaskExecutor()) {
            if (warmup > 0) {
                BenchMain.log("replicas: " + warmup + " s of wrk warm-up of the second replica");
                post(second, "replica-warmup", connections, warmup);
                redis.flushAll();
            }
            double producers0 = cpu(replicas);
            double redis0 = redis.cpuSeconds();
            List<Future<WrkLoad.Result>> runs = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                Target replica = replicas.get(i);
                String name = "replica-" + (i + 1);
                runs.add(wrks.submit(() -> post(replica, name, connections, seconds)));
            }
            long accepted = 0;
            long errors = 0;
            long longestMicros = 0;
            double wrkCpu = 0;
            long p99 = 0;
            for (Future<WrkLoad.Result> run : runs) {
                WrkLoad.Result w = run.get();
                accepted += w.requests() - w.failed();
                errors += w.failed() + w.socketErrors();
                longestMicros = Math.max(longestMicros, w.durationMicros());
                wrkCpu += w.cpuSeconds();
                p99 = Math.max(p99, w.micros().p99());
            }
            double producersCpu = cpu(replicas) - producers0;
            double redisCpu = redis.cpuSeconds() - redis0;
            if (errors > 0) {
                bench.note(String.format(Locale.ROOT, "replicas: %,d requests failed; wrk's output is replica-*.out in"
                        + " the log folder", errors));
            }
            Results.Replicas r = new Results.Replicas(REPLICAS, connections, accepted, errors,
                    Stats.perSecond(accepted, longestMicros * 1_000), p99,
                    new Results.CpuPerThousand(Stats.cpuMsPerThousandJobs(producersCpu, accepted),
                            Stats.cpuMsPerThousandJobs(redisCpu, accepted),
                            Stats.cpuMsPerThousandJobs(wrkCpu, accepted)));
            bench.results().replicas = r;
            BenchMain.log(String.format(Locale.ROOT, "replicas: %,.0f jobs/s through %d producers; the slower wrk's"
                    + " p99 %.2f ms", r.jobsPerSecond(), REPLICAS, p99 / 1e3));
        } finally {
            services.stopAll(List.of(second.producer()), "replicas");
        }
    }

    private WrkLoad.Result post(Target replica, String name, int connections, int seconds) throws Exception {
        return WrkLoad.post(bench, name, replica.api().url(EnqueueSinglePhase.PATH), replica.api().bearer(),
                BenchJobs.HEALTH_CHECK_JOB, connections, seconds, 0);
    }

    private static double cpu(List<Target> replicas) {
        return replicas.stream().map(Target::producer).mapToDouble(ServiceApp::cpuSeconds).sum();
    }
}
