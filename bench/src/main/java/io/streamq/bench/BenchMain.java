package io.streamq.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The streamq benchmark: its own redis-server, producer-service and worker-service processes, measured from outside
 * through the REST API and Redis itself. Run it with {@code bench/run}; see docs/benchmarks.md. This class runs the
 * phases (one class each: {@link EnqueueSinglePhase}, {@link EnqueueBulkPhase}, {@link MemoryPhase},
 * {@link ProcessingPhase}, {@link LatencyPhase}, {@link QueuesBusyPhase}...) in the order --phases gives, each followed
 * by its counterpart in BullMQ's anchor benchmark ({@link BullmqPhase}) unless --no-anchor, and prints the report.
 *
 * <p>Nothing here asserts on speed: the run reports what it measured, and notes what looked wrong.
 */
public final class BenchMain {

    /** CPUs other processes may use during a phase before the report flags it. */
    static final double QUIET_CORES = 0.2;
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final BenchRun bench;
    private final Services services;
    private final LoadRunner loads;
    /** The one redis-server every phase uses (and the single-Redis processing runs), with its producer. */
    private Target main;
    private RedisNodes conn;
    /** BullMQ's anchor benchmark and the redis-server of its own; null with --no-anchor. */
    private BullmqAnchor anchor;
    private RedisNodes anchorRedis;

    private BenchMain(Options options, Path logDir) {
        this.bench = new BenchRun(options, new Results(), logDir, ProducerClient.newHttpClient());
        this.services = new Services(bench);
        this.loads = new LoadRunner(bench);
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("bench: " + e.getMessage() + "\n");
            }
            System.err.print(Options.usage());
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        int exit = 0;
        try {
            Path logDir = options.path("log-dir") != null ? options.path("log-dir")
                    : Files.createTempDirectory("streamq-bench-");
            Files.createDirectories(logDir);
            exit = new BenchMain(options, logDir.toAbsolutePath()).run();
        } catch (Exception e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace(System.err);
            exit = 1;
        }
        System.exit(exit);
    }

    private int run() throws IOException, InterruptedException {
        Options options = bench.options();
        Results results = bench.results();
        results.command = options.text("command").isEmpty() ? "bench " + String.join(" ", options.nonDefault()
                .entrySet().stream().map(e -> "--" + e.getKey() + " " + e.getValue()).toList())
                : options.text("command");
        results.commit = System.getenv().getOrDefault("BENCH_COMMIT", "");
        results.logDir = bench.logDir().toString();
        results.machine = Machine.describe();
        log("logs in " + bench.logDir());
        if (options.phases().stream().anyMatch(List.of("single", "paced", "replicas")::contains)
                && !WrkLoad.available()) {
            throw new IllegalStateException("the single, paced and replicas phases need wrk (Debian: apt-get install"
                    + " wrk)");
        }
        try {
            startAnchor();
            conn = RedisNodes.single();
            log("redis-server on " + conn.describe());
            main = services.startProducer(conn);
            loads.warmUp(main);
            for (String phase : options.phases()) {
                if (phase.equals("drain")) {
                    processingPhases();
                } else {
                    runPhase(phase, conn, switch (phase) {
                        case "single" -> new EnqueueSinglePhase(bench, loads, main);
                        case "paced" -> new PacedEnqueuePhase(bench, main);
                        case "replicas" -> new ReplicasPhase(bench, services, main);
                        case "failures" -> new FailuresPhase(bench, loads, services, main);
                        case "bulk" -> new EnqueueBulkPhase(bench, loads, main);
                        case "memory" -> new MemoryPhase(bench, loads, main);
                        case "latency" -> new LatencyPhase(bench, loads, services, main);
                        case "queues6" -> new QueuesBusyPhase(bench, loads, services, main);
                        default -> throw new IllegalStateException(phase);
                    });
                }
                BullmqScenario.forPhase(phase).ifPresent(this::anchorPhase);
            }
        } finally {
            shutdown();
        }
        results.finished = Instant.now();
        String markdown = Report.markdown(results);
        System.out.println();
        System.out.println(markdown);
        Path target = options.path("write");
        if (target != null) {
            Path file = resolveAgainstCaller(target);
            Report.writeInto(file, markdown);
            log("results written into " + file);
        }
        return 0;
    }

    /**
     * Installs BullMQ's anchor (npm, first time only) and starts its redis-server, before any phase so that a missing
     * piece stops the run before it has cost anything.
     */
    private void startAnchor() throws IOException, InterruptedException {
        Options options = bench.options();
        if (options.flag("no-anchor")) {
            bench.results().anchorSkipped = "--no-anchor";
            return;
        }
        anchor = BullmqAnchor.prepare(options.path("anchor-dir"), options.path("anchor-build"), bench.logDir());
        anchorRedis = RedisNodes.single();
        log("BullMQ anchor in " + options.path("anchor-build") + ", its redis-server on " + anchorRedis.describe());
    }

    /** BullMQ's counterpart of a phase; its redis-server is otherwise idle. */
    private void anchorPhase(BullmqScenario scenario) {
        if (anchor != null) {
            runPhase("bullmq " + scenario.scenario(), anchorRedis,
                    new BullmqPhase(bench, anchor, anchorRedis, scenario));
        }
    }

    /**
     * The processing phase: each worker count on one Redis, then on a three-master cluster (--redis). The cluster and
     * its own producer-service are started for these runs only and stopped afterwards.
     */
    private void processingPhases() throws InterruptedException {
        Options options = bench.options();
        if (options.redisSingle()) {
            for (boolean mixed : options.drainPriorities()) {
                for (int workers : options.drainWorkers()) {
                    runPhase("drain x" + workers, conn, new ProcessingPhase(bench, loads, services, main, workers,
                            mixed, 0));
                }
            }
            for (int backlog : options.drainBacklogs()) {
                if (backlog > 0) {
                    runPhase("drain x1, " + backlog + " waiting", conn, new ProcessingPhase(bench, loads, services,
                            main, 1, false, backlog));
                }
            }
        }
        if (!options.redisCluster()) {
            return;
        }
        Target cluster = null;
        try {
            RedisNodes nodes = RedisNodes.cluster();
            log("redis cluster on " + nodes.describe());
            try {
                cluster = services.startProducer(nodes);
            } catch (Exception e) {
                nodes.close();
                throw e;
            }
            loads.warmUp(cluster);
            for (boolean mixed : options.drainPriorities()) {
                for (int workers : options.drainWorkers()) {
                    runPhase("drain cluster x" + workers, cluster.redis(),
                            new ProcessingPhase(bench, loads, services, cluster, workers, mixed, 0));
                }
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            bench.note("Processing on the Redis Cluster failed to start: " + e);
            log("cluster processing FAILED: " + e);
        } finally {
            if (cluster != null) {
                services.stopAll(List.of(cluster.producer()), "cluster runs");
                writeLog("redis-cluster.log", cluster.redis());
                cluster.redis().close();
            }
        }
    }

    /** A failing phase is reported and the run goes on with the next one on an empty Redis. */
    private void runPhase(String name, RedisNodes redis, Phase phase) {
        waitForQuietMachine(name);
        log("phase " + name + " ...");
        long t0 = System.nanoTime();
        HostCpu.Sample before = HostCpu.available() ? HostCpu.sample() : null;
        try {
            phase.run();
        } catch (Exception e) {
            bench.note("Phase " + name + " failed: " + e);
            log("phase " + name + " FAILED: " + e);
        } finally {
            if (before != null) {
                double foreign = HostCpu.foreignCores(before, HostCpu.sample());
                bench.results().foreignCpu.put(name, foreign);
                if (foreign > QUIET_CORES) {
                    bench.note(String.format(Locale.ROOT, "Phase %s: other processes on the machine used"
                            + " %.2f CPUs meanwhile; its numbers may be lower than on a quiet machine.", name, foreign));
                }
            }
            try {
                redis.flushAll();
            } catch (RuntimeException e) {
                bench.note("FLUSHALL after " + name + " failed: " + e.getMessage());
            }
        }
        log(String.format("phase %s done in %.1f s", name, (System.nanoTime() - t0) / 1e9));
    }

    /**
     * Waits (up to --wait-quiet seconds) until processes outside the bench use less than {@link #QUIET_CORES} CPUs,
     * measured over one-second windows: a shared machine's builds and tests would otherwise be measured too.
     */
    private void waitForQuietMachine(String phase) {
        int limit = bench.options().integer("wait-quiet");
        if (limit == 0 || !HostCpu.available()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limit);
        double foreign = Double.NaN;
        boolean told = false;
        while (System.nanoTime() < deadline) {
            HostCpu.Sample a = HostCpu.sample();
            Sleep.millis(1_000);
            foreign = HostCpu.foreignCores(a, HostCpu.sample());
            if (!(foreign > QUIET_CORES)) {
                return;
            }
            if (!told) {
                log(String.format(Locale.ROOT, "other processes use %.2f CPUs; waiting up to %d s for a quiet machine",
                        foreign, limit));
                told = true;
            }
        }
        log(String.format(Locale.ROOT, "machine still busy (%.2f CPUs used by others); running %s anyway", foreign,
                phase));
    }

    private void shutdown() {
        if (main != null) {
            services.stopAll(List.of(main.producer()), "whole run");
        }
        if (conn != null) {
            writeLog("redis-server.log", conn);
            conn.close();
        }
        if (anchorRedis != null) {
            writeLog("redis-bullmq.log", anchorRedis);
            anchorRedis.close();
        }
    }

    private void writeLog(String file, RedisNodes redis) {
        try {
            Files.writeString(bench.logDir().resolve(file), redis.output(), StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // the log is a convenience
        }
    }

    private static Path resolveAgainstCaller(Path p) {
        if (p.isAbsolute()) {
            return p;
        }
        String cwd = System.getProperty("bench.cwd");
        return cwd == null || cwd.isBlank() ? p.toAbsolutePath() : Path.of(cwd).resolve(p).normalize();
    }

    static void log(String message) {
        System.err.printf("[bench %s] %s%n", LOG_TIME.format(LocalTime.now()), message);
    }
}
