package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Completion;
import io.streamq.core.job.EnqueuedJob;
import io.streamq.core.job.JobError;
import io.streamq.core.job.NewJob;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.WorkQueue;
import io.streamq.monitor.config.MonitorConfig;
import io.streamq.monitor.service.MonitorService;
import io.streamq.monitor.service.QueueReport;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measuring probe, not a test: off unless {@code -Dmonitor.probe=true}, so CI never runs it. It fills Redis with
 * {@code monitor.probe.jobs} (1,000,000) jobs over the six work queues through queue-core ({@code JobStore.enqueue}
 * in batches of 1,000; a slice claimed, completed, retried and failed through {@code WorkQueue}) plus
 * {@code monitor.probe.dlq} (50,000) DLQ entries, then prints:
 * <ul>
 *   <li>Redis work per queue and refresh: {@code CONFIG RESETSTAT}, N rounds of {@code MonitorService.refresh} over
 *   all queues, then {@code INFO commandstats} and the main thread's CPU from {@code INFO cpu};</li>
 *   <li>the wall time of a refresh (one queue at a time, and six at once as the scheduler does);</li>
 *   <li>{@code GET /owner/queues/metrics} latency: 20 pollers every 2 s for 60 s while a refresher runs every
 *   {@code streamq.monitor.refresh-every}, then a tight loop.</li>
 * </ul>
 * Numbers only; nothing asserts speed.
 *
 * <pre>./mvnw -B -o -pl monitor-service -am verify -Dtest=MonitorLoadProbe -Dmonitor.probe=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@EnabledIfSystemProperty(named = "monitor.probe", matches = "true")
class MonitorLoadProbe {

    private static final Duration WAIT = Duration.ofMinutes(1);
    /** Share of the jobs per queue (percent): a realistic, uneven spread. */
    private static final Map<QueueName, Integer> SHARE = new LinkedHashMap<>();

    static {
        SHARE.put(QueueName.AI, 30);
        SHARE.put(QueueName.WORKFLOWS, 15);
        SHARE.put(QueueName.ANALYTICS, 25);
        SHARE.put(QueueName.EMAIL, 20);
        SHARE.put(QueueName.PLUGINS, 5);
        SHARE.put(QueueName.SYSTEM, 5);
    }

    @Inject
    JobStore store;
    @Inject
    WorkQueue work;
    @Inject
    DlqStore dlq;
    @Inject
    Drive drive;
    @Inject
    MonitorService monitor;
    @Inject
    MonitorConfig config;

    @TestHTTPResource("/owner/queues/metrics")
    URL metricsUrl;

    @Test
    void measure() throws Exception {
        int jobs = Integer.getInteger("monitor.probe.jobs", 1_000_000);
        int dlqEntries = Integer.getInteger("monitor.probe.dlq", 50_000);
        int rounds = Integer.getInteger("monitor.probe.rounds", 50);
        int pollers = Integer.getInteger("monitor.probe.pollers", 20);
        int pollSeconds = Integer.getInteger("monitor.probe.poll-seconds", 60);
        int tightSeconds = Integer.getInteger("monitor.probe.tight-seconds", 20);

        System.out.printf("%nMonitor probe: machine %d CPUs, load average at start: %s%n",
                Runtime.getRuntime().availableProcessors(), loadAverage());

        long start = System.nanoTime();
        fill(jobs);
        double fillSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Monitor probe: enqueued %,d jobs (JobStore.enqueue, batches of 1,000) in %.1f s (%,.0f jobs/s)%n",
                jobs, fillSeconds, jobs / fillSeconds);

        start = System.nanoTime();
        long[] moved = work();
        System.out.printf("Monitor probe: worked a slice through WorkQueue in %.1f s: claimed %,d, completed %,d, "
                        + "retried %,d, failed to DLQ %,d, left active %,d%n", (System.nanoTime() - start) / 1e9,
                moved[0], moved[1], moved[2], moved[3], moved[0] - moved[1] - moved[2] - moved[3]);

        start = System.nanoTime();
        fillDlq(dlqEntries);
        System.out.printf("Monitor probe: stored %,d DLQ entries (DlqStore.insert, batches of 200) in %.1f s%n",
                dlqEntries, (System.nanoTime() - start) / 1e9);
        for (int i = 0; i < 8; i++) {
            drive.beat("probe-worker-" + i, List.of("ai", "workflows", "analytics", "email", "plugins", "system"),
                    Duration.ofMinutes(30));
        }

        List<QueueReport> after = refreshAll();
        long total = 0;
        for (QueueReport r : after) {
            var c = r.metrics().counts();
            long sum = c.waiting() + c.active() + c.delayed() + c.completed() + c.failed();
            total += sum;
            System.out.printf("Monitor probe:   %-9s waiting %,9d  active %,6d  delayed %,6d  completed %,6d  "
                            + "failed %,5d  deadPending %,5d  dlqEntries %,6d  (jobs %,d)%n", r.metrics().queue(),
                    c.waiting(), c.active(), c.delayed(), c.completed(), c.failed(), r.metrics().deadPending(),
                    r.metrics().dlqEntries(), sum);
        }
        System.out.printf("Monitor probe: jobs held by the 6 work queues: %,d (+ %,d DLQ entries); Redis %s, "
                + "used_memory %s%n", total, dlqEntries, info("server", "redis_version"), info("memory",
                "used_memory_human"));
        // Completed and failed are trimmed by the removal policy, so slightly fewer than enqueued stay.
        assertThat(total).isPositive();

        measureRefresh(rounds);
        warmUpHttp(200);
        measurePolling(pollers, pollSeconds);
        measureTightLoop(pollers, tightSeconds);
        System.out.printf("Monitor probe: load average at end: %s%n%n", loadAverage());
    }

    // ---------------------------------------------------------------- fill

    private void fill(int jobs) {
        List<Uni<List<EnqueuedJob>>> inFlight = new ArrayList<>();
        int n = 0;
        for (Map.Entry<QueueName, Integer> e : SHARE.entrySet()) {
            List<JobType> types = Arrays.stream(JobType.values()).filter(t -> t.queue() == e.getKey()).toList();
            int count = (int) ((long) jobs * e.getValue() / 100);
            for (int i = 0; i < count; i += 1000) {
                List<NewJob> batch = new ArrayList<>(1000);
                for (int j = i; j < Math.min(count, i + 1000); j++, n++) {
                    JobType type = types.get(j % types.size());
                    // 1 % delayed by an hour; the rest waiting.
                    long delay = j % 100 == 7 ? 3_600_000L : 0;
                    batch.add(new NewJob(type, "{\"probe\":\"probe-" + n + "\",\"account\":\"acct-" + (n % 5000)
                            + "\",\"note\":\"load probe job for monitor-service metrics\"}", "t-" + (n % 50),
                            "ws-" + (n % 200), "probe", null, delay));
                }
                inFlight.add(store.enqueue(batch));
                if (inFlight.size() == 8) {
                    Uni.join().all(inFlight).andFailFast().await().atMost(WAIT);
                    inFlight.clear();
                }
            }
        }
        if (!inFlight.isEmpty()) {
            Uni.join().all(inFlight).andFailFast().await().atMost(WAIT);
        }
    }

    /** Per queue: claims 3,000, completes 2,000, retries 200 (delayed by the backoff), fails 300 to the DLQ. */
    private long[] work() {
        long claimed = 0, completed = 0, retried = 0, failed = 0;
        for (QueueName q : SHARE.keySet()) {
            String consumer = "probe-" + q.wireName();
            List<ClaimedJob> mine = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ClaimResult r = work.claim(q, consumer, 1000).await().atMost(WAIT);
                if (r instanceof ClaimResult.Jobs j) {
                    mine.addAll(j.jobs());
                }
            }
            claimed += mine.size();
            int done = Math.min(2000, mine.size());
            for (int i = 0; i < done; i += 200) {
                List<Completion> batch = new ArrayList<>();
                for (int j = i; j < Math.min(done, i + 200); j++) {
                    batch.add(new Completion(mine.get(j), 20 + j % 900, "{\"ok\":true}"));
                }
                completed += work.complete(q, consumer, batch).await().atMost(WAIT).stream().filter(b -> b).count();
            }
            List<Uni<Boolean>> calls = new ArrayList<>();
            for (int j = done; j < Math.min(mine.size(), done + 200); j++) {
                calls.add(work.retry(mine.get(j), consumer, 600_000, 30 + j % 500,
                        new JobError("timeout", "ProbeError", "took too long " + (j % 7), "")));
            }
            retried += joinChunked(calls);
            calls.clear();
            for (int j = done + 200; j < Math.min(mine.size(), done + 500); j++) {
                calls.add(work.failToDlq(mine.get(j), consumer, 40 + j % 700,
                        new JobError(j % 2 == 0 ? "invalid-payload" : "upstream-down", "ProbeError",
                                "failed for good " + (j % 5), "")));
            }
            failed += joinChunked(calls);
        }
        return new long[]{claimed, completed, retried, failed};
    }

    /** Awaits the calls 32 at a time (the Redis pool queues at most 256 waiters). */
    private static long joinChunked(List<Uni<Boolean>> calls) {
        long ok = 0;
        for (int i = 0; i < calls.size(); i += 32) {
            ok += Uni.join().all(calls.subList(i, Math.min(calls.size(), i + 32))).andFailFast().await().atMost(WAIT)
                    .stream().filter(b -> b).count();
        }
        return ok;
    }

    private void fillDlq(int entries) {
        String[] queues = SHARE.keySet().stream().map(QueueName::wireName).toArray(String[]::new);
        long now = System.currentTimeMillis();
        List<Uni<io.streamq.core.store.DlqInsertResult>> inFlight = new ArrayList<>();
        for (int i = 0; i < entries; i += 200) {
            List<DlqRecord> records = new ArrayList<>(200);
            for (int n = i; n < Math.min(entries, i + 200); n++) {
                String queue = queues[n % queues.length];
                long at = now - (long) (n % (24 * 3600)) * 1000;
                records.add(new DlqRecord(queue, queue + "-" + (90_000_000 + n), queue + ".probe", "ProbeError",
                        "failed on probe-" + n, "", "probe-" + (n % 8), at, at, 3, "{\"probe\":\"" + n + "\"}", "t",
                        "w", "a", 0, "failed on <id>"));
            }
            inFlight.add(dlq.insert(records, 0, Duration.ofHours(50)));
            if (inFlight.size() == 8) {
                Uni.join().all(inFlight).andFailFast().await().atMost(WAIT);
                inFlight.clear();
            }
        }
        if (!inFlight.isEmpty()) {
            Uni.join().all(inFlight).andFailFast().await().atMost(WAIT);
        }
    }

    // ---------------------------------------------------------------- refresh

    private List<QueueReport> refreshAll() {
        return Uni.join().all(QueueName.workQueues().stream().map(monitor::refresh).toList()).andFailFast()
                .await().atMost(WAIT);
    }

    private void measureRefresh(int rounds) {
        List<QueueName> queues = QueueName.workQueues();
        for (int i = 0; i < 10; i++) {
            refreshAll(); // warm-up (JIT, script cache)
        }
        // Redis work: only the refreshes run between RESETSTAT and INFO (scheduler off in tests, no HTTP yet).
        TestRedis.command("CONFIG", "RESETSTAT");
        double cpuBefore = mainThreadCpuSeconds();
        long[] perQueueUs = new long[rounds * queues.size()];
        int k = 0;
        long seqStart = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (QueueName q : queues) {
                long t = System.nanoTime();
                monitor.refresh(q).await().atMost(WAIT);
                perQueueUs[k++] = (System.nanoTime() - t) / 1_000;
            }
        }
        double seqSeconds = (System.nanoTime() - seqStart) / 1e9;
        double cpuAfter = mainThreadCpuSeconds();
        Map<String, long[]> stats = commandStats();
        int refreshes = rounds * queues.size();

        System.out.printf("%nMonitor probe: Redis work of %,d refreshes (%d rounds x %d queues), INFO commandstats "
                + "after CONFIG RESETSTAT:%n", refreshes, rounds, queues.size());
        System.out.printf("Monitor probe:   %-22s %9s %12s %12s %14s%n", "command", "calls", "usec", "usec/call",
                "calls/refresh");
        stats.entrySet().stream().filter(e -> !e.getKey().startsWith("info") && !e.getKey().startsWith("config"))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(e -> System.out.printf("Monitor probe:   %-22s %,9d %,12d %12.2f %14.2f%n", e.getKey(),
                        e.getValue()[0], e.getValue()[1], e.getValue()[1] / (double) Math.max(1, e.getValue()[0]),
                        e.getValue()[0] / (double) refreshes));
        long scriptUs = usec(stats, "evalsha") + usec(stats, "eval");
        // Commands the service sends itself (not from inside a script): workers index + heartbeats, DLQ count, the
        // three cache SETs. ZCARD also runs inside queue-snapshot.lua (3 per call), so only its top-level share.
        long zcardCalls = calls(stats, "zcard");
        long topZcardUs = zcardCalls == 0 ? 0 : usec(stats, "zcard") * Math.max(0, zcardCalls - 3L * refreshes)
                / zcardCalls;
        long topLevelUs = usec(stats, "zrevrange") + usec(stats, "mget") + usec(stats, "set") + usec(stats, "get")
                + topZcardUs;
        System.out.printf("Monitor probe: Redis µs per queue per refresh (commandstats): scripts (evalsha, inner "
                        + "commands included) %.1f + top-level commands %.1f = %.1f µs%n",
                scriptUs / (double) refreshes, topLevelUs / (double) refreshes,
                (scriptUs + topLevelUs) / (double) refreshes);
        System.out.printf("Monitor probe: Redis main-thread CPU per queue per refresh (INFO cpu, includes network "
                + "I/O and parsing): %.1f µs%n", (cpuAfter - cpuBefore) * 1e6 / refreshes);

        Arrays.sort(perQueueUs);
        System.out.printf("Monitor probe: refresh wall time, one queue at a time: p50 %.2f ms  p95 %.2f ms  p99 %.2f "
                        + "ms  max %.2f ms (%,d refreshes, %.1f s)%n", pct(perQueueUs, 50) / 1e3,
                pct(perQueueUs, 95) / 1e3, pct(perQueueUs, 99) / 1e3, perQueueUs[perQueueUs.length - 1] / 1e3,
                refreshes, seqSeconds);

        long[] roundUs = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            refreshAll();
            roundUs[r] = (System.nanoTime() - t) / 1_000;
        }
        Arrays.sort(roundUs);
        System.out.printf("Monitor probe: refresh wall time, all 6 queues at once (as the scheduler tick): p50 %.2f ms"
                        + "  p95 %.2f ms  max %.2f ms (%d rounds)%n", pct(roundUs, 50) / 1e3, pct(roundUs, 95) / 1e3,
                roundUs[roundUs.length - 1] / 1e3, rounds);
    }

    // ---------------------------------------------------------------- HTTP

    private void measurePolling(int pollers, int seconds) throws Exception {
        URI uri = uri();
        ConcurrentLinkedQueue<Long> latenciesUs = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        ScheduledExecutorService refresher = startRefresher();
        TestRedis.command("CONFIG", "RESETSTAT");
        long phaseStart = System.nanoTime();
        try (HttpClient http = client();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < pollers; p++) {
                String token = TestTokens.owner("probe-owner-" + p);
                long offsetMs = 2000L * p / pollers; // owners do not poll in lock step
                running.add(threads.submit(() -> {
                    long first = phaseStart + TimeUnit.MILLISECONDS.toNanos(offsetMs);
                    int polls = seconds / 2;
                    for (int i = 0; i < polls; i++) {
                        sleepUntil(first + TimeUnit.SECONDS.toNanos(2L * i));
                        call(http, uri, token, latenciesUs, errors);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(seconds + 60L, TimeUnit.SECONDS);
            }
        } finally {
            refresher.shutdownNow();
            refresher.awaitTermination(30, TimeUnit.SECONDS);
        }
        double phaseSeconds = (System.nanoTime() - phaseStart) / 1e9;
        Map<String, long[]> stats = commandStats();
        print(String.format("%d pollers every 2 s for %d s", pollers, seconds), latenciesUs, errors.get(),
                phaseSeconds);
        // queue-snapshot.lua runs XINFO GROUPS once per computation: the refresher's plus any cache-miss computes.
        System.out.printf("Monitor probe:   during polling: %,d queue computations (xinfo|groups calls; the refresher "
                        + "alone: %,d), %,d GETs, %,d evalsha%n", calls(stats, "xinfo|groups"),
                refresherRounds.get() * 6, calls(stats, "get"), calls(stats, "evalsha"));
    }

    /** JIT and connection warm-up of the HTTP path; not measured. */
    private void warmUpHttp(int calls) {
        refreshAll();
        ConcurrentLinkedQueue<Long> ignored = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        try (HttpClient http = client()) {
            String token = TestTokens.owner("probe-warm-up");
            for (int i = 0; i < calls; i++) {
                call(http, uri(), token, ignored, errors);
            }
        }
    }

    private void measureTightLoop(int threadsCount, int seconds) throws Exception {
        URI uri = uri();
        ConcurrentLinkedQueue<Long> latenciesUs = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        refresherRounds.set(0);
        ScheduledExecutorService refresher = startRefresher();
        long phaseStart = System.nanoTime();
        long end = phaseStart + TimeUnit.SECONDS.toNanos(seconds);
        int maxPerThread = 5_000; // bound: also keeps well under the test profile's rate limits
        try (HttpClient http = client();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < threadsCount; p++) {
                String token = TestTokens.owner("probe-owner-" + p);
                running.add(threads.submit(() -> {
                    for (int i = 0; i < maxPerThread && System.nanoTime() < end; i++) {
                        call(http, uri, token, latenciesUs, errors);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(seconds + 60L, TimeUnit.SECONDS);
            }
        } finally {
            refresher.shutdownNow();
            refresher.awaitTermination(30, TimeUnit.SECONDS);
        }
        print(String.format("tight loop, %d concurrent clients for %d s", threadsCount, seconds), latenciesUs,
                errors.get(), (System.nanoTime() - phaseStart) / 1e9);
    }

    private final AtomicLong refresherRounds = new AtomicLong();

    /** Stands in for RefreshScheduler (off in the test profile): all queues every refresh-every, as one replica. */
    private ScheduledExecutorService startRefresher() {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor();
        long period = config.refreshEvery().toMillis();
        s.scheduleAtFixedRate(() -> {
            try {
                refreshAll();
                refresherRounds.incrementAndGet();
            } catch (RuntimeException e) {
                System.out.println("Monitor probe: refresh failed: " + e);
            }
        }, 0, period, TimeUnit.MILLISECONDS);
        return s;
    }

    private static void call(HttpClient http, URI uri, String token, ConcurrentLinkedQueue<Long> latenciesUs,
                             AtomicLong errors) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).GET().build();
        long t = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long us = (System.nanoTime() - t) / 1_000;
            if (response.statusCode() == 200 && response.body().length > 0) {
                latenciesUs.add(us);
            } else {
                errors.incrementAndGet();
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            errors.incrementAndGet();
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + metricsUrl.getPort() + "/owner/queues/metrics");
    }

    private static void print(String label, ConcurrentLinkedQueue<Long> latenciesUs, long errors, double seconds) {
        long[] us = latenciesUs.stream().mapToLong(Long::longValue).sorted().toArray();
        if (us.length == 0) {
            System.out.printf("Monitor probe: GET /owner/queues/metrics, %s: no successful calls, %d errors%n",
                    label, errors);
            return;
        }
        System.out.printf("Monitor probe: GET /owner/queues/metrics, %s: %,d calls (%d errors, %.0f calls/s): "
                        + "p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms%n", label, us.length, errors,
                us.length / seconds, pct(us, 50) / 1e3, pct(us, 95) / 1e3, pct(us, 99) / 1e3,
                us[us.length - 1] / 1e3);
    }

    // ---------------------------------------------------------------- helpers

    /** Nearest-rank percentile of sorted values. */
    private static long pct(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** {@code cmdstat_<name>:calls=..,usec=..} → name → {calls, usec}. */
    private static Map<String, long[]> commandStats() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String line : TestRedis.command("INFO", "commandstats").split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), line.indexOf(':'));
            long calls = 0, usec = 0;
            for (String kv : line.substring(line.indexOf(':') + 1).split(",")) {
                String[] p = kv.split("=");
                if (p[0].equals("calls")) {
                    calls = Long.parseLong(p[1]);
                } else if (p[0].equals("usec")) {
                    usec = Long.parseLong(p[1]);
                }
            }
            out.put(name, new long[]{calls, usec});
        }
        return out;
    }

    private static long usec(Map<String, long[]> stats, String name) {
        return stats.getOrDefault(name, new long[2])[1];
    }

    private static long calls(Map<String, long[]> stats, String name) {
        return stats.getOrDefault(name, new long[2])[0];
    }

    private static double mainThreadCpuSeconds() {
        String user = info("cpu", "used_cpu_user_main_thread");
        String sys = info("cpu", "used_cpu_sys_main_thread");
        return Double.parseDouble(user) + Double.parseDouble(sys);
    }

    private static String info(String section, String field) {
        for (String line : TestRedis.command("INFO", section).split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "0";
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long ms = TimeUnit.NANOSECONDS.toMillis(nanoTime - System.nanoTime());
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
