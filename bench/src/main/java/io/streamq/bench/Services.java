package io.streamq.bench;

import io.streamq.core.contract.QueueName;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.ServiceApp;
import io.streamq.testing.TestKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The producer-service and worker-service processes of a run: started with the bench's JVM options on the jars
 * {@code bench/run} built, stopped together, and what their logs complained about gathered into the report.
 */
final class Services {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final String TENANT = "bench";
    private static final String ISSUER = "streamq-dev";
    /** A loaded worker may take a while to hand its jobs back on TERM. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);
    private static final Pattern LOG_LINE =
            Pattern.compile("^\\d{4}-\\d\\d-\\d\\d [\\d:,.]+\\s+(WARN|ERROR|FATAL)\\s+(.*)$");
    private static final Pattern UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Per-IP and per-user request limit per window of every limit group: out of the bench's reach. */
    private static final int RATE_LIMIT_PER_SECOND = 100_000_000;
    /** Attempts per job in the failures phase, as in BullMQ's failures scenario. */
    static final int FAILURE_ATTEMPTS = 3;

    private final BenchRun run;
    /** A throw-away pair: the producer trusts it for this run only. */
    private final TestKey key = TestKey.generate();
    private final AtomicInteger workerStarts = new AtomicInteger();

    Services(BenchRun run) {
        this.run = run;
    }

    /** A producer-service on {@code redis}, ready, with a client holding a producer token that one enqueue proved. */
    Target startProducer(RedisNodes redis) throws IOException, InterruptedException {
        Path pem = key.writePublicPem(run.logDir().resolve("bench-public.pem"));
        Map<String, String> env = new LinkedHashMap<>(redis.serviceEnv());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", pem.toString());
        env.put("MP_JWT_VERIFY_ISSUER", ISSUER);
        // One user from one IP, far beyond the default request limits: limits it never reaches, still checked on
        // every request as in production (a limit of 0 would skip the check and its Redis call).
        env.put("STREAMQ_PRODUCER_RATE_LIMIT_OVERRIDE", Integer.toString(RATE_LIMIT_PER_SECOND));
        // The producer stamps a job's attempts when it enqueues it; only the failures phase's jobs use them all.
        env.put("STREAMQ_QUEUE_SYSTEM_ATTEMPTS", Integer.toString(FAILURE_ATTEMPTS));
        ServiceApp producer = start("producer-service" + (redis.isCluster() ? "-cluster" : ""), "producer-jar", env);
        long t0 = System.nanoTime();
        try {
            producer.awaitReady(run.http(), READY_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            stopAll(List.of(producer), "start-up");
            throw e;
        }
        BenchMain.log(String.format("producer-service (%s) ready on %s after %.1f s (pid %d)", redis.label(),
                producer.baseUrl(), (System.nanoTime() - t0) / 1e9, producer.pid()));
        ProducerClient api = new ProducerClient(run.http(), URI.create(producer.baseUrl()), key.signer().sign(ISSUER,
                "bench", List.of("producer"), Map.of("tenant", TENANT, "workspace", "bench"), Duration.ofHours(6)));
        // One job first, so a token or API problem stops the run with the producer's own answer.
        try {
            ProducerClient.Answer first = api.enqueue(BenchJobs.HEALTH_CHECK_JOB);
            if (first.status() != 202 || Json.firstId(first.body()) == null) {
                throw new IllegalStateException("the producer (" + redis.label() + ") answered " + first.status()
                        + " to a single enqueue: " + first.body());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            stopAll(List.of(producer), "start-up");
            throw e;
        }
        redis.flushAll();
        return new Target(redis, producer, api);
    }

    List<ServiceApp> startWorkers(RedisNodes redis, int count, int concurrency, int keepCompleted) throws IOException {
        List<ServiceApp> workers = new ArrayList<>();
        int start = workerStarts.incrementAndGet();
        for (int i = 1; i <= count; i++) {
            Map<String, String> env = workerEnv(redis, List.of(QueueName.SYSTEM), concurrency, keepCompleted);
            workers.add(start(String.format("worker-service-%02d-%d", start, i), "worker-jar", env));
        }
        return workers;
    }

    /**
     * One worker consuming every work queue, each at {@code concurrency} and keeping {@code keepCompleted} completed
     * jobs, with {@code integrations} (the peers' URLs) added to its environment.
     */
    ServiceApp startAllQueuesWorker(RedisNodes redis, int concurrency, int keepCompleted,
                                    Map<String, String> integrations) throws IOException {
        Map<String, String> env = workerEnv(redis, QueueName.workQueues(), concurrency, keepCompleted);
        env.putAll(integrations);
        return start(String.format("worker-service-%02d-1", workerStarts.incrementAndGet()), "worker-jar", env);
    }

    /** One worker that retries failing jobs at once, {@link #FAILURE_ATTEMPTS} attempts each, as BullMQ's does. */
    ServiceApp startFailureWorker(RedisNodes redis, int concurrency) throws IOException {
        Map<String, String> env = workerEnv(redis, List.of(QueueName.SYSTEM), concurrency, null);
        env.put("STREAMQ_QUEUE_SYSTEM_ATTEMPTS", Integer.toString(FAILURE_ATTEMPTS));
        env.put("STREAMQ_QUEUE_SYSTEM_BACKOFF_TYPE", "fixed");
        env.put("STREAMQ_QUEUE_SYSTEM_BACKOFF_DELAY", "PT0S");
        return start(String.format("worker-service-%02d-1", workerStarts.incrementAndGet()), "worker-jar", env);
    }

    /** A worker on {@code queues}, each at {@code concurrency}; {@code keepCompleted} null keeps the default. */
    private Map<String, String> workerEnv(RedisNodes redis, List<QueueName> queues, int concurrency,
                                          Integer keepCompleted) {
        Map<String, String> env = new LinkedHashMap<>(redis.serviceEnv());
        env.put("STREAMQ_WORKER_QUEUES", String.join(",", queues.stream().map(QueueName::wireName).toList()));
        for (QueueName q : queues) {
            String prefix = "STREAMQ_QUEUE_" + q.name() + "_";
            env.put(prefix + "CONCURRENCY", Integer.toString(concurrency));
            if (keepCompleted != null) {
                env.put(prefix + "REMOVE_COMPLETED_KEEP_LAST", Integer.toString(keepCompleted));
            }
        }
        return env;
    }

    private ServiceApp start(String name, String jarOption, Map<String, String> env) throws IOException {
        return ServiceApp.start(name, run.options().path(jarOption), RedisTestServer.freePort(), env, run.logDir(),
                new ServiceApp.Launch(run.options().serviceJvmOptions(), null, STOP_GRACE));
    }

    /** Stops the processes together (each gets a graceful stop), then reports what their logs complained about. */
    void stopAll(List<ServiceApp> processes, String phase) {
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceApp p : processes) {
            stoppers.add(Thread.ofVirtual().start(p::close));
        }
        for (Thread t : stoppers) {
            try {
                t.join(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ServiceApp p : processes) {
            // The service, without the instance suffix: worker-service for worker-service-03-2.
            String service = p.name().replaceAll("(-\\d+)+$", "");
            for (String line : problemLines(p.log())) {
                run.results().logProblems.computeIfAbsent(service + ": " + Text.oneLine(line, 400),
                        k -> new Results.LogProblem(new LinkedHashSet<>(), new AtomicLong())).add(phase);
            }
        }
    }

    /**
     * WARN/ERROR lines of a log (Quarkus' console format) without their time stamps and with UUIDs masked, so the
     * same message from several requests or processes reads the same; plus a start-up failure, if any.
     */
    private static List<String> problemLines(Path log) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> out = new ArrayList<>();
            lines.forEach(l -> {
                Matcher m = LOG_LINE.matcher(l);
                if (m.matches()) {
                    out.add(m.group(1) + " " + UUID.matcher(m.group(2)).replaceAll("<uuid>"));
                } else if (l.startsWith("Configuration validation failed") || l.startsWith("Exception in thread")) {
                    out.add("ERROR " + l);
                }
            });
            return out;
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }
}
