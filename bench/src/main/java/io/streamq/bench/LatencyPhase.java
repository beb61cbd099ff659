package io.streamq.bench;

import io.streamq.testing.ServiceApp;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Enqueue-to-start latency: single enqueues at --latency-rate for --latency-seconds (open loop, so a slow answer does
 * not slow the arrivals) to one idle worker; each job's result is read back from Redis: {@code queueLatencyMs} (Redis
 * clock, whole ms) and {@code startedAtMicros} (the worker's clock, this machine's), which less the time just before
 * the POST was sent gives the latency in microseconds, as BullMQ's anchor measures from just before {@code Queue.add}.
 */
record LatencyPhase(BenchRun bench, LoadRunner loads, Services services, Target target) implements Phase {

    @Override
    public void run() throws Exception {
        RedisNodes conn = target.redis();
        int rate = bench.options().integer("latency-rate");
        int seconds = bench.options().integer("latency-seconds");
        int total = rate * seconds;
        conn.flushAll();
        List<ServiceApp> workers = services.startWorkers(conn, 1, bench.options().integer("concurrency"),
                Math.max(100_000, total));
        try {
            workers.getFirst().awaitReady(bench.http(), Services.READY_TIMEOUT);
            // Warm the worker's code paths (as a long-running worker is), then let it go idle: its consumer settles
            // into its blocking read, which is the state this phase measures.
            int warmup = bench.options().integer("latency-warmup");
            if (warmup > 0) {
                LoadRunner.Load pre = loads.bulkLoad(target, warmup, i -> BenchJobs.HEALTH_CHECK_JOB);
                awaitCompleted("latency warm-up", pre.jobs(),
                        Duration.ofSeconds(bench.options().integer("phase-timeout")));
            }
            long completedBefore = conn.hashLong(BenchJobs.SYSTEM.counts(), "total:completed");
            Sleep.millis(1_000);

            String[] ids = new String[total];
            long[] sentMicros = new long[total];
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
                    sentMicros[i] = Stats.epochMicros();
                    try {
                        ProducerClient.Answer a = target.api().enqueue(BenchJobs.HEALTH_CHECK_JOB);
                        long us = Math.min((System.nanoTime() - t0) / 1_000, Stats.HISTOGRAM_MAX_MICROS);
                        synchronized (micros) {
                            micros.recordValue(us);
                        }
                        if (a.ok()) {
                            ids[i] = Json.firstId(a.body());
                        } else {
                            errors.incrementAndGet();
                            if (samples.size() < LoadRunner.MAX_ERROR_SAMPLES) {
                                samples.add(a.status() + " " + Text.oneLine(a.body(), 300));
                            }
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        if (samples.size() < LoadRunner.MAX_ERROR_SAMPLES) {
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
                bench.note("latency: not every enqueue answered within " + (seconds + 60) + " s");
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
            long[] fromSend = new long[accepted.size()];
            int measured = 0;
            int fromSendMeasured = 0;
            for (int i = 0; i < total; i++) {
                String id = ids[i];
                if (id == null) {
                    continue;
                }
                String key = BenchJobs.SYSTEM.job(id);
                // createdAt first: the reply is the two values on two lines, and the result JSON may hold anything.
                String reply = conn.onKey(key, "HMGET", key, "createdAt", "result");
                int nl = reply == null ? -1 : reply.indexOf('\n');
                if (nl < 0) {
                    continue;
                }
                String result = reply.substring(nl + 1);
                var v = Json.number(result, "queueLatencyMs");
                if (v.isPresent()) {
                    latencies[measured] = v.getAsLong();
                    createdAt[measured++] = RedisNodes.parseLong(reply.substring(0, nl));
                }
                var started = Json.number(result, "startedAtMicros");
                if (started.isPresent()) {
                    fromSend[fromSendMeasured++] = started.getAsLong() - sentMicros[i];
                }
            }
            List<String> slowest = slowest(latencies, createdAt, measured, 5);
            if (measured < accepted.size()) {
                bench.note(String.format("latency: %,d of %,d accepted jobs have no queueLatencyMs result",
                        accepted.size() - measured, accepted.size()));
            }
            if (errors.get() > 0) {
                bench.note(String.format("latency: %d enqueue requests failed; samples: %s", errors.get(), samples));
            }
            Stats.Percentiles q = measured > 0 ? Stats.exact(Arrays.copyOf(latencies, measured)) : null;
            Stats.Percentiles h = micros.getTotalCount() > 0 ? Stats.of(micros) : null;
            Stats.Percentiles s = fromSendMeasured > 0 ? Stats.exact(Arrays.copyOf(fromSend, fromSendMeasured)) : null;
            bench.results().latency = new Results.Latency(rate, seconds, Math.min(issued.get(), total), errors.get(),
                    achieved, measured, q, s, h, warmup, slowest);
            if (q != null) {
                BenchMain.log(String.format("latency: %,d jobs at %.0f/s: enqueue-to-start p50 %d ms p90 %d ms p99 %d"
                        + " ms max %d ms", measured, achieved, q.p50(), q.p90(), q.p99(), q.max()));
            }
            if (s != null) {
                BenchMain.log(String.format(Locale.ROOT, "latency from the POST's send: p50 %.3f ms p99 %.3f ms",
                        s.p50() / 1000.0, s.p99() / 1000.0));
            }
        } finally {
            services.stopAll(workers, "latency");
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
        Arrays.sort(order, (a, b) -> Long.compare(latencies[b], latencies[a]));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, n); i++) {
            int j = order[i];
            out.add(String.format(Locale.ROOT, "%d ms at +%.1f s", latencies[j], (createdAt[j] - first) / 1000.0));
        }
        return out;
    }

    private void awaitCompleted(String phase, long expected, Duration timeout) {
        RedisNodes conn = target.redis();
        long deadline = System.nanoTime() + timeout.toNanos();
        long c = 0;
        while (System.nanoTime() < deadline) {
            c = conn.hashLong(BenchJobs.SYSTEM.counts(), "total:completed");
            if (c >= expected) {
                return;
            }
            Sleep.millis(DrainWatch.POLL_MS);
        }
        bench.note(String.format("%s: only %,d of %,d jobs completed within %d s; counts: %s", phase, c,
                expected, timeout.toSeconds(), conn.hashAll(BenchJobs.SYSTEM.counts())));
    }
}
