package io.streamq.bench;

import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.ServiceApp;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Watches workers work off one queue or several: polls their counts hashes every {@link #POLL_MS} ms (several queues'
 * summed field by field, so progress is over all of them), marks when the measured span
 * starts and when progress was last seen, and stops when the goal is reached, the workers all exit, or nothing moves
 * for {@link #STALL_TIMEOUT}. CPU of the workers and of Redis is read at the marks, so rates and CPU per job cover
 * the same span, and so do Redis' command statistics (reset at the start).
 */
final class DrainWatch {

    static final long POLL_MS = 50;
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A moment of the drain: the progress counter then, and the CPU seconds the workers, Redis and the bench's own JVM
     * (its poller, and the peers when it plays them) had used.
     */
    record Mark(long nanos, long progress, double workerCpu, double redisCpu, double benchCpu) {
    }

    /**
     * {@code start} is null when the measured span never began; {@code end} is where the loop stopped (CPU read
     * there), {@code lastProgress} the last poll that saw the counter move. {@code countsAfter} is summed over the
     * queues; {@code progressByQueue} is each queue's own progress from the start of the span to the end.
     */
    record Outcome(Mark start, Mark lastProgress, Mark end, boolean complete, Map<String, String> countsAfter,
                   double foreignCpu, List<Results.CommandTime> commands, Map<QueueName, Long> progressByQueue) {
        long measuredJobs() {
            return start == null ? 0 : lastProgress.progress() - start.progress();
        }

        double measuredSeconds() {
            return start == null ? 0 : (lastProgress.nanos() - start.nanos()) / 1e9;
        }

        double cpuMsPerThousand(boolean workers) {
            return cpuMsPerThousand(workers ? Mark::workerCpu : Mark::redisCpu);
        }

        /** The bench JVM's own CPU per 1,000 jobs: its poller's, and the peers' when it plays them. */
        double benchCpuMsPerThousand() {
            return cpuMsPerThousand(Mark::benchCpu);
        }

        private double cpuMsPerThousand(ToDoubleFunction<Mark> cpu) {
            long jobs = start == null ? 0 : end.progress() - start.progress();
            if (jobs <= 0) {
                return Double.NaN;
            }
            return Stats.cpuMsPerThousandJobs(cpu.applyAsDouble(end) - cpu.applyAsDouble(start), jobs);
        }
    }

    private DrainWatch() {
    }

    /**
     * @param progress  the counter that moves as jobs are done, read from a counts hash (a queue's or their sum)
     * @param started   whether the measured span has begun, judged on the summed counts
     * @param goal      the summed progress at which the drain is complete
     */
    static Outcome watch(BenchRun bench, String phase, RedisNodes conn, List<QueueKeys> queues,
                         List<ServiceApp> workers, ToLongFunction<Map<String, String>> progress,
                         Predicate<Map<String, String>> started, long goal) throws InterruptedException {
        Map<QueueName, Long> progressAtStart = Map.of();
        Mark start = null;
        Mark last = null;
        HostCpu.Sample hostAtStart = null;
        boolean complete = false;
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(bench.options().integer("phase-timeout"));
        Map<String, String> counts = Map.of();
        for (long tick = 1; System.nanoTime() < deadline; tick++) {
            Map<QueueName, Map<String, String>> byQueue = read(conn, queues);
            counts = summed(byQueue.values());
            long p = progress.applyAsLong(counts);
            if (start == null && started.test(counts)) {
                progressAtStart = perQueue(byQueue, progress);
                conn.resetCommandStats();
                start = mark(p, workers, conn);
                last = start;
                hostAtStart = HostCpu.available() ? HostCpu.sample() : null;
            }
            if (last != null && p > last.progress()) {
                last = new Mark(System.nanoTime(), p, Double.NaN, Double.NaN, Double.NaN);
            }
            if (p >= goal) {
                complete = true;
                break;
            }
            if (workers.stream().noneMatch(ServiceApp::alive)) {
                bench.note(phase + ": every worker process exited:\n```\n" + workers.getFirst().logTail(20) + "\n```");
                break;
            }
            long quietSince = last != null ? last.nanos() : t0;
            long allowed = STALL_TIMEOUT.toNanos() + (last != null ? 0 : Services.READY_TIMEOUT.toNanos());
            if (System.nanoTime() - quietSince > allowed) {
                bench.note(String.format("%s: stuck — no progress for %d s at %,d of %,d", phase,
                        STALL_TIMEOUT.toSeconds(), p, goal));
                break;
            }
            long nap = t0 + tick * TimeUnit.MILLISECONDS.toNanos(POLL_MS) - System.nanoTime();
            if (nap > 0) {
                Thread.sleep(Duration.ofNanos(nap));
            }
        }
        Mark end = mark(progress.applyAsLong(counts), workers, conn);
        double foreign = hostAtStart == null ? Double.NaN : HostCpu.foreignCores(hostAtStart, HostCpu.sample());
        Map<QueueName, Map<String, String>> after = read(conn, queues);
        Map<QueueName, Long> inSpan = new LinkedHashMap<>();
        if (start != null) {
            Map<QueueName, Long> from = progressAtStart;
            perQueue(after, progress).forEach((q, n) -> inSpan.put(q, n - from.getOrDefault(q, 0L)));
        }
        return new Outcome(start, last, end, complete, summed(after.values()), foreign,
                start == null ? List.of() : conn.commandTimes(), inSpan);
    }

    private static Map<QueueName, Map<String, String>> read(RedisNodes conn, List<QueueKeys> queues) {
        Map<QueueName, Map<String, String>> out = new LinkedHashMap<>();
        for (QueueKeys q : queues) {
            out.put(q.queue(), conn.hashAll(q.counts()));
        }
        return out;
    }

    private static Map<QueueName, Long> perQueue(Map<QueueName, Map<String, String>> byQueue,
                                                 ToLongFunction<Map<String, String>> progress) {
        Map<QueueName, Long> out = new LinkedHashMap<>();
        byQueue.forEach((q, c) -> out.put(q, progress.applyAsLong(c)));
        return out;
    }

    /** Counts hashes added up field by field (a field one hash lacks counts 0 there), sorted by field. */
    static Map<String, String> summed(Collection<Map<String, String>> counts) {
        if (counts.size() == 1) {
            return counts.iterator().next();
        }
        Map<String, Long> sums = new TreeMap<>();
        for (Map<String, String> c : counts) {
            c.forEach((field, value) -> sums.merge(field, RedisNodes.parseLong(value), Long::sum));
        }
        Map<String, String> out = new LinkedHashMap<>();
        sums.forEach((field, sum) -> out.put(field, Long.toString(sum)));
        return out;
    }

    private static Mark mark(long progress, List<ServiceApp> workers, RedisNodes conn) {
        return new Mark(System.nanoTime(), progress, workers.stream().mapToDouble(ServiceApp::cpuSeconds).sum(),
                conn.cpuSeconds(), ServiceApp.cpuSeconds(ProcessHandle.current()));
    }

    static long field(Map<String, String> counts, String name) {
        return RedisNodes.parseLong(counts.get(name));
    }
}
