package io.streamq.bench;

import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.ServiceApp;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/** Enqueue load on a producer-service: closed-loop clients, their answers counted, timed and checked. */
final class LoadRunner {

    static final int MAX_ERROR_SAMPLES = 5;

    interface Call {
        ProducerClient.Answer send(String body) throws IOException, InterruptedException;
    }

    record Load(long requests, long jobs, long errors, long elapsedNanos, Histogram micros,
                List<String> errorSamples, boolean cutShort, List<String> firstIds,
                Results.CpuPerThousand cpu) {
    }

    private final BenchRun run;

    LoadRunner(BenchRun run) {
        this.run = run;
    }

    /**
     * {@code clients} virtual threads send {@code requests} requests between them as fast as answers come back.
     * Bounded by the phase timeout: what is not sent by then is left out and the load reported as cut short.
     */
    Load load(Target target, int clients, int requests, IntFunction<String> bodies, Call call,
              ToLongFunction<ProducerClient.Answer> jobsIn) throws InterruptedException {
        ServiceApp producer = target.producer();
        RedisNodes conn = target.redis();
        AtomicInteger next = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        AtomicLong jobs = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        List<String> firstIds = Collections.synchronizedList(new ArrayList<>());
        Histogram[] perClient = new Histogram[clients];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(run.options().integer("phase-timeout"));
        List<Thread> threads = new ArrayList<>();
        double producerCpu0 = producer.cpuSeconds();
        double clientCpu0 = ServiceApp.cpuSeconds(ProcessHandle.current());
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
                                samples.add(answer.status() + " " + Text.oneLine(answer.body(), 300));
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
                        Stats.cpuMsPerThousandJobs(ServiceApp.cpuSeconds(ProcessHandle.current()) - clientCpu0,
                                jobs.get()));
        Histogram all = Stats.newHistogram();
        for (Histogram h : perClient) {
            all.add(h);
        }
        return new Load(sent.get(), jobs.get(), errors.get(), elapsed, all, List.copyOf(samples),
                sent.get() < requests, List.copyOf(firstIds), cpu);
    }

    /** {@code totalJobs} jobs in bulk requests of --bulk-size, sent by --bulk-clients clients. */
    Load bulkLoad(Target target, int totalJobs, IntFunction<String> itemFor) throws InterruptedException {
        int size = run.options().integer("bulk-size");
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
        return load(target, run.options().integer("bulk-clients"), requests, bodies, target.api()::enqueueBulk,
                a -> Json.number(a.body(), "accepted").orElse(0));
    }

    /** Single and bulk enqueues (--warmup of each) so the producer's code paths are compiled before measuring. */
    void warmUp(Target target) throws InterruptedException {
        int n = run.options().integer("warmup");
        if (n == 0) {
            return;
        }
        BenchMain.log("warm-up (" + target.redis().label() + "): " + n + " single and " + n + " bulk jobs");
        load(target, Math.min(16, run.options().integer("single-clients")), n, i -> BenchJobs.HEALTH_CHECK_JOB,
                target.api()::enqueue, a -> 1);
        bulkLoad(target, n, i -> BenchJobs.HEALTH_CHECK_JOB);
        target.redis().flushAll();
    }

    /** The load's figures for the report; its errors and a cut-short run become notes. */
    Results.Enqueue summarize(String phase, int clients, int jobsPerRequest, Load l) {
        if (l.errors() > 0) {
            run.note(String.format("%s: %d of %d requests failed; samples: %s", phase, l.errors(), l.requests(),
                    l.errorSamples()));
        }
        if (l.cutShort()) {
            run.note(phase + ": cut short by --phase-timeout after " + l.requests() + " requests");
        }
        double seconds = l.elapsedNanos() / 1e9;
        Stats.Percentiles p = l.micros().getTotalCount() > 0 ? Stats.of(l.micros()) : null;
        Results.Enqueue e = new Results.Enqueue("bench client", clients, jobsPerRequest, l.requests(), l.jobs(),
                l.errors(), seconds,
                Stats.perSecond(l.jobs(), l.elapsedNanos()), p, l.cutShort(), l.cpu());
        BenchMain.log(String.format("%s: %,d jobs in %.2f s = %,.0f jobs/s%s; CPU ms per 1,000 jobs: producer %.0f,"
                        + " redis %.0f, client %.0f", phase, l.jobs(), seconds, e.jobsPerSecond(),
                p == null ? "" : String.format(", request p50 %.2f ms p99 %.2f ms", p.p50() / 1e3, p.p99() / 1e3),
                l.cpu().producerMs(), l.cpu().redisMs(), l.cpu().clientMs()));
        return e;
    }

    /**
     * The waiting counters must match what the API accepted (summed over the queues the jobs went to); anything else
     * means lost or phantom jobs.
     */
    void checkWaiting(RedisNodes conn, String phase, List<QueueKeys> queues, long accepted) {
        long waiting = 0;
        long streamLength = 0;
        long prioritized = 0;
        for (QueueKeys queue : queues) {
            waiting += conn.hashLong(queue.counts(), "waiting");
            streamLength += conn.integer(queue.stream(), "XLEN", queue.stream());
            prioritized += conn.integer(queue.prioritized(), "ZCARD", queue.prioritized());
        }
        if (waiting != accepted || streamLength + prioritized != accepted) {
            run.note(String.format("%s: the API accepted %,d jobs but the queues count %,d waiting, their streams hold"
                    + " %,d entries and their prioritized sets %,d", phase, accepted, waiting, streamLength,
                    prioritized));
        }
    }
}
