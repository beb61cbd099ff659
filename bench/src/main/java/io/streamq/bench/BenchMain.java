package io.streamq.bench;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestServer;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * The streamq benchmark: its own redis-server, producer-service and worker-service processes, measured from outside
 * through the REST API and Redis itself. Run it with {@code bench/run}; see docs/benchmarks.md.
 *
 * <p>Nothing here asserts on speed: the run reports what it measured, and notes what looked wrong.
 */
public final class BenchMain {

    private static final String TENANT = "bench";
    private static final QueueKeys SYSTEM = QueueKeys.of(QueueName.SYSTEM);
    private static final QueueKeys AI = QueueKeys.of(QueueName.AI);
    private static final String HEALTH_CHECK = JobType.SYSTEM_HEALTH_CHECK.wireName();
    private static final String HEALTH_CHECK_JOB =
            "{\"name\":\"" + HEALTH_CHECK + "\",\"payload\":{\"probe\":\"bench\"}}";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** A drain with no new completion for this long is reported as stuck and cut short. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MS = 50;
    private static final int MAX_ERROR_SAMPLES = 5;
    /** CPUs other processes may use during a phase before the report flags it. */
    private static final double QUIET_CORES = 0.2;

    private final Options options;
    private final Results results = new Results();
    private final Path logDir;
    private final HttpClient http = ProducerClient.newHttpClient();
    /** The one redis-server every phase uses (and the single-Redis processing runs). */
    private RedisNodes conn;
    private ServiceProcess producer;
    private ProducerClient api;
    private Target main;
    private final Jwt jwt = new Jwt();

    /** A Redis (one server or a cluster) with the producer-service that writes to it. */
    private record Target(RedisNodes redis, ServiceProcess producer, ProducerClient api) {
    }

    private BenchMain(Options options, Path logDir) {
        this.options = options;
        this.logDir = logDir;
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
        results.command = options.text("command").isEmpty() ? "bench " + String.join(" ", options.nonDefault()
                .entrySet().stream().map(e -> "--" + e.getKey() + " " + e.getValue()).toList())
                : options.text("command");
        results.commit = System.getenv().getOrDefault("BENCH_COMMIT", "");
        results.logDir = logDir.toString();
        results.machine = Machine.describe();
        log("logs in " + logDir);
        try {
            conn = RedisNodes.single();
            log("redis-server on " + conn.describe());
            main = startProducer(conn);
            producer = main.producer();
            api = main.api();
            warmUp(main);
            for (String phase : options.phases()) {
                if (phase.equals("drain")) {
                    drainPhases();
                } else {
                    runPhase(phase, conn, switch (phase) {
                        case "single" -> this::single;
                        case "bulk" -> this::bulk;
                        case "memory" -> this::memory;
                        case "latency" -> this::latency;
                        default -> throw new IllegalStateException(phase);
                    });
                }
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

    private interface Phase {
        void run() throws Exception;
    }

    /**
     * The processing phase: each worker count on one Redis, then on a three-master cluster (--redis). The cluster and
     * its own producer-service are started for these runs only and stopped afterwards.
     */
    private void drainPhases() throws InterruptedException {
        if (options.redisSingle()) {
            for (int workers : options.drainWorkers()) {
                runPhase("drain x" + workers, conn, () -> drain(main, workers));
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
                cluster = startProducer(nodes);
            } catch (RuntimeException e) {
                nodes.close();
                throw e;
            }
            warmUp(cluster);
            for (int workers : options.drainWorkers()) {
                Target t = cluster;
                runPhase("drain cluster x" + workers, t.redis(), () -> drain(t, workers));
            }
        } catch (RuntimeException e) {
            results.notes.add("Processing on the Redis Cluster failed to start: " + e);
            log("cluster processing FAILED: " + e);
        } finally {
            if (cluster != null) {
                stopAll(List.of(cluster.producer()), "cluster runs");
                try {
                    Files.writeString(logDir.resolve("redis-cluster.log"), cluster.redis().output(),
                            StandardCharsets.UTF_8);
                } catch (IOException ignored) {
                    // the log is a convenience
                }
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
            results.notes.add("Phase " + name + " failed: " + e);
            log("phase " + name + " FAILED: " + e);
        } finally {
            if (before != null) {
                double foreign = HostCpu.foreignCores(before, HostCpu.sample());
                results.foreignCpu.put(name, foreign);
                if (foreign > QUIET_CORES) {
                    results.notes.add(String.format(Locale.ROOT, "Phase %s: other processes on the machine used"
                            + " %.2f CPUs meanwhile; its numbers may be lower than on a quiet machine.", name, foreign));
                }
            }
            try {
                redis.flushAll();
            } catch (RuntimeException e) {
                results.notes.add("FLUSHALL after " + name + " failed: " + e.getMessage());
            }
        }
        log(String.format("phase %s done in %.1f s", name, (System.nanoTime() - t0) / 1e9));
    }

    /**
     * Waits (up to --wait-quiet seconds) until processes outside the bench use less than {@link #QUIET_CORES} CPUs,
     * measured over one-second windows: a shared machine's builds and tests would otherwise be measured too.
     */
    private void waitForQuietMachine(String phase) {
        int limit = options.integer("wait-quiet");
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

    // ----------------------------------------------------------------------------------------------- services

    private Target startProducer(RedisNodes redis) {
        Path pem = jwt.writePublicKey(logDir);
        Map<String, String> env = new LinkedHashMap<>(redis.serviceEnv());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", pem.toString());
        env.put("MP_JWT_VERIFY_ISSUER", Jwt.ISSUER);
        // The bench drives one user from one IP far beyond the per-user and per-IP request limits: switch them off.
        env.put("STREAMQ_PRODUCER_RATE_LIMIT_OVERRIDE", "0");
        ServiceProcess producer = ServiceProcess.start("producer-service" + (redis.isCluster() ? "-cluster" : ""),
                options.path("producer-jar"), options.serviceJvmOptions(), RedisTestServer.freePort(), env, logDir);
        long t0 = System.nanoTime();
        ProducerClient api;
        try {
            producer.awaitReady(http, READY_TIMEOUT);
        } catch (RuntimeException e) {
            stopAll(List.of(producer), "start-up");
            throw e;
        }
        log(String.format("producer-service (%s) ready on %s after %.1f s (pid %d)", redis.label(),
                producer.baseUri(), (System.nanoTime() - t0) / 1e9, producer.pid()));
        api = new ProducerClient(http, producer.baseUri(),
                jwt.token("bench", List.of("producer"), TENANT, "bench", Duration.ofHours(6).toSeconds()));
        // One job first, so a token or API problem stops the run with the producer's own answer.
        try {
            ProducerClient.Answer first = api.enqueue(HEALTH_CHECK_JOB);
            if (first.status() != 202 || Json.firstId(first.body()) == null) {
                stopAll(List.of(producer), "start-up");
                throw new IllegalStateException("the producer (" + redis.label() + ") answered " + first.status()
                        + " to a single enqueue: " + first.body());
            }
        } catch (IOException e) {
            stopAll(List.of(producer), "start-up");
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll(List.of(producer), "start-up");
            throw new IllegalStateException(e);
        }
        redis.flushAll();
        return new Target(redis, producer, api);
    }

    private List<ServiceProcess> startWorkers(RedisNodes redis, int count, int keepCompleted) {
        List<ServiceProcess> workers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Map<String, String> env = new LinkedHashMap<>(redis.serviceEnv());
            env.put("STREAMQ_WORKER_QUEUES", QueueName.SYSTEM.wireName());
            env.put("STREAMQ_QUEUE_SYSTEM_CONCURRENCY", Integer.toString(options.integer("concurrency")));
            env.put("STREAMQ_QUEUE_SYSTEM_REMOVE_COMPLETED_KEEP_LAST", Integer.toString(keepCompleted));
            String name = "worker-service-" + logStamp() + "-" + i;
            workers.add(ServiceProcess.start(name, options.path("worker-jar"), options.serviceJvmOptions(),
                    RedisTestServer.freePort(), env, logDir));
        }
        return workers;
    }

    /** Stops the processes together (each gets a graceful stop), then reports what their logs complained about. */
    private void stopAll(List<ServiceProcess> processes, String phase) {
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess p : processes) {
            stoppers.add(Thread.ofVirtual().start(p::close));
        }
        for (Thread t : stoppers) {
            try {
                t.join(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ServiceProcess p : processes) {
            noteLogProblems(p, phase);
        }
    }

    private void noteLogProblems(ServiceProcess p, String phase) {
        for (String line : p.problemLines()) {
            results.logProblems.computeIfAbsent(p.service() + ": " + trim(line, 400),
                    k -> new Results.LogProblem(new java.util.LinkedHashSet<>(), new AtomicLong())).add(phase);
        }
    }

    private void shutdown() {
        if (producer != null) {
            stopAll(List.of(producer), "whole run");
        }
        if (conn != null) {
            try {
                Files.writeString(logDir.resolve("redis-server.log"), conn.output(), StandardCharsets.UTF_8);
            } catch (IOException ignored) {
                // the log is a convenience
            }
            conn.close();
        }
    }

    // ----------------------------------------------------------------------------------------------- load

    private interface Call {
        ProducerClient.Answer send(String body) throws IOException, InterruptedException;
    }

    private record Load(long requests, long jobs, long errors, long elapsedNanos, Histogram micros,
                        List<String> errorSamples, boolean cutShort, List<String> firstIds,
                        Results.CpuPerThousand cpu) {
    }

    /**
     * {@code clients} virtual threads send {@code requests} requests between them as fast as answers come back.
     * Bounded by the phase timeout: what is not sent by then is left out and the load reported as cut short.
     */
    private Load load(int clients, int requests, IntFunction<String> bodies, Call call,
                      ToLongFunction<ProducerClient.Answer> jobsIn) throws InterruptedException {
        return load(main, clients, requests, bodies, call, jobsIn);
    }

    private Load load(Target target, int clients, int requests, IntFunction<String> bodies, Call call,
                      ToLongFunction<ProducerClient.Answer> jobsIn) throws InterruptedException {
        ServiceProcess producer = target.producer();
        RedisNodes conn = target.redis();
        AtomicInteger next = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        AtomicLong jobs = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        List<String> firstIds = Collections.synchronizedList(new ArrayList<>());
        Histogram[] perClient = new Histogram[clients];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.integer("phase-timeout"));
        List<Thread> threads = new ArrayList<>();
        double producerCpu0 = producer.cpuSeconds();
        double clientCpu0 = ServiceProcess.cpuSeconds(ProcessHandle.current());
        double redisCpu0 = conn.cpuSeconds();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Histogram h = Stats.newHistogram();
            perClient[c] = h;
            threads.add(Thread.ofVirtual().name("bench-client-" + c).start(() -> {
                while (System.nanoTime() < deadline) {
                    int i = next.getAndIncrement();
                    if (i >= requests) {
                        return;
                    }
                    sent.incrementAndGet();
                    String body = bodies.apply(i);
                    long t0 = System.nanoTime();
                    try {
                        ProducerClient.Answer answer = call.send(body);
                        h.recordValue(Math.min((System.nanoTime() - t0) / 1_000, Stats.HISTOGRAM_MAX_MICROS));
                        if (answer.ok()) {
                            jobs.addAndGet(jobsIn.applyAsLong(answer));
                            if (firstIds.isEmpty()) {
                                firstIds.add(Json.firstId(answer.body()));
                            }
                        } else {
                            errors.incrementAndGet();
                            if (samples.size() < MAX_ERROR_SAMPLES) {
                                samples.add(answer.status() + " " + trim(answer.body(), 300));
                            }
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        if (samples.size() < MAX_ERROR_SAMPLES) {
                            samples.add(e.toString());
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            long left = Math.max(deadline - System.nanoTime(), 0) + TimeUnit.SECONDS.toNanos(40);
            if (!t.join(Duration.ofNanos(left))) {
                t.interrupt();
            }
        }
        long elapsed = System.nanoTime() - start;
        Results.CpuPerThousand cpu = jobs.get() == 0 ? new Results.CpuPerThousand(Double.NaN, Double.NaN, Double.NaN)
                : new Results.CpuPerThousand(
                        Stats.cpuMsPerThousandJobs(producer.cpuSeconds() - producerCpu0, jobs.get()),
                        Stats.cpuMsPerThousandJobs(conn.cpuSeconds() - redisCpu0, jobs.get()),
                        Stats.cpuMsPerThousandJobs(ServiceProcess.cpuSeconds(ProcessHandle.current()) - clientCpu0,
                                jobs.get()));
        Histogram all = Stats.newHistogram();
        for (Histogram h : perClient) {
            all.add(h);
        }
        return new Load(sent.get(), jobs.get(), errors.get(), elapsed, all, List.copyOf(samples),
                sent.get() < requests, List.copyOf(firstIds), cpu);
    }

    private Load bulkLoad(int totalJobs, IntFunction<String> itemFor) throws InterruptedException {
        return bulkLoad(main, totalJobs, itemFor);
    }

    private Load bulkLoad(Target target, int totalJobs, IntFunction<String> itemFor) throws InterruptedException {
        int size = options.integer("bulk-size");
        int requests = (totalJobs + size - 1) / size;
        IntFunction<String> bodies = r -> {
            int from = r * size;
            int to = Math.min(totalJobs, from + size);
            StringBuilder b = new StringBuilder(64 + (to - from) * 120).append("{\"jobs\":[");
            for (int i = from; i < to; i++) {
                if (i > from) {
                    b.append(',');
                }
                b.append(itemFor.apply(i));
            }
            return b.append("]}").toString();
        };
        return load(target, options.integer("bulk-clients"), requests, bodies, target.api()::enqueueBulk,
                a -> Json.number(a.body(), "accepted").orElse(0));
    }

    private Results.Enqueue summarize(String phase, int clients, int jobsPerRequest, Load l) {
        if (l.errors() > 0) {
            results.notes.add(String.format("%s: %d of %d requests failed; samples: %s", phase, l.errors(),
                    l.requests(), l.errorSamples()));
        }
        if (l.cutShort()) {
            results.notes.add(phase + ": cut short by --phase-timeout after " + l.requests() + " requests");
        }
        double seconds = l.elapsedNanos() / 1e9;
        Stats.Percentiles p = l.micros().getTotalCount() > 0 ? Stats.of(l.micros()) : null;
        Results.Enqueue e = new Results.Enqueue(clients, jobsPerRequest, l.requests(), l.jobs(), l.errors(), seconds,
                Stats.perSecond(l.jobs(), l.elapsedNanos()), p, l.cutShort(), l.cpu());
        log(String.format("%s: %,d jobs in %.2f s = %,.0f jobs/s%s; CPU ms per 1,000 jobs: producer %.0f, redis %.0f,"
                        + " client %.0f", phase, l.jobs(), seconds, e.jobsPerSecond(),
                p == null ? "" : String.format(", request p50 %.2f ms p99 %.2f ms", p.p50() / 1e3, p.p99() / 1e3),
                l.cpu().producerMs(), l.cpu().redisMs(), l.cpu().clientMs()));
        return e;
    }

    /** The waiting counter must match what the API accepted; anything else means lost or phantom jobs. */
    private void checkWaiting(String phase, QueueKeys queue, long accepted) {
        checkWaiting(conn, phase, queue, accepted);
    }

    private void checkWaiting(RedisNodes conn, String phase, QueueKeys queue, long accepted) {
        long waiting = conn.hashLong(queue.counts(), "waiting");
        long streamLength = conn.integer(queue.stream(), "XLEN", queue.stream());
        if (waiting != accepted || streamLength != accepted) {
            results.notes.add(String.format("%s: the API accepted %,d jobs but the queue counts %,d waiting and its"
                    + " stream holds %,d entries", phase, accepted, waiting, streamLength));
        }
    }

    // ----------------------------------------------------------------------------------------------- phases

    private void warmUp(Target target) throws InterruptedException {
        int n = options.integer("warmup");
        if (n == 0) {
            return;
        }
        log("warm-up (" + target.redis().label() + "): " + n + " single and " + n + " bulk jobs");
        load(target, Math.min(16, options.integer("single-clients")), n, i -> HEALTH_CHECK_JOB, target.api()::enqueue,
                a -> 1);
        bulkLoad(target, n, i -> HEALTH_CHECK_JOB);
        target.redis().flushAll();
    }

    private void single() throws InterruptedException {
        int clients = options.integer("single-clients");
        Load l = load(clients, options.integer("single-jobs"), i -> HEALTH_CHECK_JOB, api::enqueue, a -> 1);
        results.single = summarize("enqueue single", clients, 1, l);
        checkWaiting("enqueue single", SYSTEM, l.jobs());
    }

    private void bulk() throws InterruptedException {
        Load l = bulkLoad(options.integer("bulk-jobs"), i -> HEALTH_CHECK_JOB);
        results.bulk = summarize("enqueue bulk", options.integer("bulk-clients"), options.integer("bulk-size"), l);
        checkWaiting("enqueue bulk", SYSTEM, l.jobs());
    }

    /** An ai.generate-text payload of about 100 bytes of JSON; the prompt varies so no two jobs are alike. */
    static String aiPayload(int i) {
        return "{\"prompt\":\"Summarize ticket " + String.format("%08d", i)
                + " in two sentences for the digest.\",\"model\":\"gpt-x\",\"maxTokens\":64}";
    }

    private void memory() throws InterruptedException {
        int n = options.integer("memory-jobs");
        conn.flushAll();
        Sleep.millis(500);
        long before = conn.usedMemory();
        String type = JobType.AI_GENERATE_TEXT.wireName();
        Load l = bulkLoad(n, i -> "{\"name\":\"" + type + "\",\"payload\":" + aiPayload(i) + "}");
        summarize("memory enqueue", options.integer("bulk-clients"), options.integer("bulk-size"), l);
        Sleep.millis(500);
        long after = conn.usedMemory();
        checkWaiting("memory", AI, l.jobs());
        long jobHash = -1;
        double streamPerJob = Double.NaN;
        if (!l.firstIds().isEmpty() && l.firstIds().getFirst() != null) {
            String key = AI.job(l.firstIds().getFirst());
            String usage = conn.onKey(key, "MEMORY", "USAGE", key, "SAMPLES", "0");
            jobHash = usage == null ? -1 : RedisNodes.parseLong(usage);
        }
        String streamUsage = conn.onKey(AI.stream(), "MEMORY", "USAGE", AI.stream(), "SAMPLES", "0");
        if (streamUsage != null && l.jobs() > 0) {
            streamPerJob = (double) RedisNodes.parseLong(streamUsage) / l.jobs();
        }
        results.memory = new Results.Memory(l.jobs(), aiPayload(0).getBytes(StandardCharsets.UTF_8).length, before,
                after, Stats.bytesPerJob(before, after, Math.max(l.jobs(), 1)), jobHash, streamPerJob);
        log(String.format("memory: %,d jobs took %,d bytes = %.0f bytes/job (job hash %d, stream %.1f per job)",
                l.jobs(), after - before, results.memory.bytesPerJob(), jobHash, streamPerJob));
    }

    private void drain(Target target, int workerCount) throws InterruptedException {
        RedisNodes conn = target.redis();
        String phase = "processing, " + workerCount + " worker" + (workerCount > 1 ? "s" : "")
                + (conn.isCluster() ? ", cluster" : "");
        conn.flushAll();
        int n = options.integer("drain-jobs");
        Load pre = bulkLoad(target, n, i -> HEALTH_CHECK_JOB);
        summarize(phase + " (pre-enqueue)", options.integer("bulk-clients"), options.integer("bulk-size"), pre);
        long enqueued = pre.jobs();
        checkWaiting(conn, phase, SYSTEM, enqueued);
        double cpu0 = conn.cpuSeconds();
        List<ServiceProcess> workers = startWorkers(conn, workerCount, 1000);
        double workerCpu = Double.NaN;
        double workerCpuAtFirst = Double.NaN;
        HostCpu.Sample hostAtFirst = null;
        long firstT = -1;
        long firstC = 0;
        long progressT = -1;
        long progressC = 0;
        boolean complete = false;
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(options.integer("phase-timeout"));
        try {
            for (long tick = 1; System.nanoTime() < deadline; tick++) {
                long c = conn.hashLong(SYSTEM.counts(), "total:completed");
                long t = System.nanoTime();
                if (c > 0 && firstT < 0) {
                    firstT = t;
                    firstC = c;
                    workerCpuAtFirst = workers.stream().mapToDouble(ServiceProcess::cpuSeconds).sum();
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
                if (workers.stream().noneMatch(ServiceProcess::alive)) {
                    results.notes.add(phase + ": every worker process exited; last lines of "
                            + workers.getFirst().name() + ":\n```\n" + workers.getFirst().tail(20) + "\n```");
                    break;
                }
                long sinceProgress = t - (progressT > 0 ? progressT : start);
                if (sinceProgress > STALL_TIMEOUT.toNanos() + (progressT > 0 ? 0 : READY_TIMEOUT.toNanos())) {
                    results.notes.add(String.format("%s: stuck — no completion for %d s at %,d of %,d completed",
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
            workerCpu = workers.stream().mapToDouble(ServiceProcess::cpuSeconds).sum();
            Map<String, String> counts = conn.hashAll(SYSTEM.counts());
            stopAll(workers, phase);
            if (!complete) {
                results.notes.add(String.format("%s: incomplete — %,d of %,d jobs completed; counts after: %s", phase,
                        progressC, enqueued, counts));
            }
            long failed = parseLong(counts.get("total:failed")) + parseLong(counts.get("total:retried"));
            if (failed > 0) {
                results.notes.add(phase + ": jobs failed or were retried; counts after: " + counts);
            }
            long measuredJobs = progressC - firstC;
            long measuredNanos = progressT - firstT;
            double cpuSeconds = cpu1 - cpu0;
            Results.Drain d = new Results.Drain(conn.label(), conn.nodes(), workerCount,
                    options.integer("concurrency"), enqueued, progressC,
                    measuredJobs, measuredNanos / 1e9, Stats.perSecond(measuredJobs, measuredNanos), cpuSeconds,
                    progressC > 0 ? Stats.cpuMsPerThousandJobs(cpuSeconds, progressC) : Double.NaN,
                    measuredJobs > 0 ? Stats.cpuMsPerThousandJobs(workerCpu - workerCpuAtFirst, measuredJobs)
                            : Double.NaN, foreign, counts, complete);
            results.drains.add(d);
            log(String.format("%s: %,d jobs in %.2f s = %,.0f jobs/s; redis CPU %.2f s = %.1f ms per 1,000 jobs;"
                            + " worker CPU %.0f ms per 1,000 jobs", phase, measuredJobs,
                    d.measuredSeconds(), d.jobsPerSecond(), cpuSeconds, d.redisCpuMsPerThousand(),
                    d.workerCpuMsPerThousand()));
        }
    }

    private void latency() throws InterruptedException {
        int rate = options.integer("latency-rate");
        int seconds = options.integer("latency-seconds");
        int total = rate * seconds;
        conn.flushAll();
        List<ServiceProcess> workers = startWorkers(conn, 1, Math.max(100_000, total));
        try {
            workers.getFirst().awaitReady(http, READY_TIMEOUT);
            // Warm the worker's code paths (as a long-running worker is), then let it go idle: its consumer settles
            // into its blocking read, which is the state this phase measures.
            int warmup = options.integer("latency-warmup");
            if (warmup > 0) {
                Load pre = bulkLoad(warmup, i -> HEALTH_CHECK_JOB);
                awaitCompleted("latency warm-up", pre.jobs(), Duration.ofSeconds(options.integer("phase-timeout")));
            }
            long completedBefore = conn.hashLong(SYSTEM.counts(), "total:completed");
            Sleep.millis(1_000);

            String[] ids = new String[total];
            AtomicInteger issued = new AtomicInteger();
            AtomicLong errors = new AtomicLong();
            AtomicLong firstIssue = new AtomicLong();
            AtomicLong lastIssue = new AtomicLong();
            List<String> samples = Collections.synchronizedList(new ArrayList<>());
            Histogram micros = Stats.newHistogram();
            CountDownLatch done = new CountDownLatch(total);
            long periodNanos = 1_000_000_000L / rate;
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
            ScheduledFuture<?> ticks = scheduler.scheduleAtFixedRate(() -> {
                int i = issued.getAndIncrement();
                if (i >= total) {
                    return;
                }
                long now = System.nanoTime();
                if (i == 0) {
                    firstIssue.set(now);
                }
                lastIssue.set(now);
                senders.execute(() -> {
                    long t0 = System.nanoTime();
                    try {
                        ProducerClient.Answer a = api.enqueue(HEALTH_CHECK_JOB);
                        long us = Math.min((System.nanoTime() - t0) / 1_000, Stats.HISTOGRAM_MAX_MICROS);
                        synchronized (micros) {
                            micros.recordValue(us);
                        }
                        if (a.ok()) {
                            ids[i] = Json.firstId(a.body());
                        } else {
                            errors.incrementAndGet();
                            if (samples.size() < MAX_ERROR_SAMPLES) {
                                samples.add(a.status() + " " + trim(a.body(), 300));
                            }
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        if (samples.size() < MAX_ERROR_SAMPLES) {
                            samples.add(e.toString());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            boolean allSent = done.await(seconds + 60L, TimeUnit.SECONDS);
            ticks.cancel(false);
            scheduler.shutdownNow();
            senders.shutdownNow();
            if (!allSent) {
                results.notes.add("latency: not every enqueue answered within " + (seconds + 60) + " s");
            }
            double achieved = Stats.perSecond(Math.max(Math.min(issued.get(), total) - 1, 0),
                    lastIssue.get() - firstIssue.get());
            List<String> accepted = new ArrayList<>();
            for (String id : ids) {
                if (id != null) {
                    accepted.add(id);
                }
            }
            awaitCompleted("latency", completedBefore + accepted.size(), Duration.ofSeconds(60));

            long[] latencies = new long[accepted.size()];
            long[] createdAt = new long[accepted.size()];
            int measured = 0;
            for (String id : accepted) {
                // createdAt first: the reply is the two values on two lines, and the result JSON may hold anything.
                String reply = conn.onKey(SYSTEM.job(id), "HMGET", SYSTEM.job(id), "createdAt", "result");
                int nl = reply == null ? -1 : reply.indexOf('\n');
                if (nl < 0) {
                    continue;
                }
                var v = Json.number(reply.substring(nl + 1), "queueLatencyMs");
                if (v.isPresent()) {
                    latencies[measured] = v.getAsLong();
                    createdAt[measured++] = parseLong(reply.substring(0, nl));
                }
            }
            List<String> slowest = slowest(latencies, createdAt, measured, 5);
            if (measured < accepted.size()) {
                results.notes.add(String.format("latency: %,d of %,d accepted jobs have no queueLatencyMs result",
                        accepted.size() - measured, accepted.size()));
            }
            if (errors.get() > 0) {
                results.notes.add(String.format("latency: %d enqueue requests failed; samples: %s", errors.get(),
                        samples));
            }
            Stats.Percentiles q = measured > 0 ? Stats.exact(java.util.Arrays.copyOf(latencies, measured)) : null;
            Stats.Percentiles h = micros.getTotalCount() > 0 ? Stats.of(micros) : null;
            results.latency = new Results.Latency(rate, seconds, Math.min(issued.get(), total), errors.get(), achieved,
                    measured, q, h, warmup, slowest);
            if (q != null) {
                log(String.format("latency: %,d jobs at %.0f/s: enqueue-to-start p50 %d ms p90 %d ms p99 %d ms max %d ms",
                        measured, achieved, q.p50(), q.p90(), q.p99(), q.max()));
            }
        } finally {
            stopAll(workers, "latency");
        }
    }

    /** The {@code k} largest latencies as "N ms at +S s" (seconds after the first job was created). */
    static List<String> slowest(long[] latencies, long[] createdAt, int n, int k) {
        long first = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            first = Math.min(first, createdAt[i]);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(latencies[b], latencies[a]));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, n); i++) {
            int j = order[i];
            out.add(String.format(Locale.ROOT, "%d ms at +%.1f s", latencies[j], (createdAt[j] - first) / 1000.0));
        }
        return out;
    }

    private void awaitCompleted(String phase, long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long c = 0;
        while (System.nanoTime() < deadline) {
            c = conn.hashLong(SYSTEM.counts(), "total:completed");
            if (c >= expected) {
                return;
            }
            Sleep.millis(POLL_MS);
        }
        results.notes.add(String.format("%s: only %,d of %,d jobs completed within %d s; counts: %s", phase, c,
                expected, timeout.toSeconds(), conn.hashAll(SYSTEM.counts())));
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String trim(String s, int max) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return one.length() <= max ? one : one.substring(0, max) + "…";
    }

    private static final java.time.format.DateTimeFormatter LOG_TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    private static final AtomicInteger STAMP = new AtomicInteger();

    private static String logStamp() {
        return String.format("%02d", STAMP.incrementAndGet());
    }

    private static Path resolveAgainstCaller(Path p) {
        if (p.isAbsolute()) {
            return p;
        }
        String cwd = System.getProperty("bench.cwd");
        return cwd == null || cwd.isBlank() ? p.toAbsolutePath() : Path.of(cwd).resolve(p).normalize();
    }

    static void log(String message) {
        System.err.printf("[bench %s] %s%n", LOG_TIME.format(java.time.LocalTime.now()), message);
    }
}
