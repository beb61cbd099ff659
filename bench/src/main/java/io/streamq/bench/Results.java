package io.streamq.bench;

import io.streamq.core.contract.QueueName;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything one run measured, filled in phase by phase; a phase that did not run leaves its field null. */
final class Results {

    /** An enqueue phase. {@code latencyMicros} is per HTTP request; {@code client} names the load generator. */
    record Enqueue(String client, int clients, int jobsPerRequest, long requests, long jobs, long errors, double seconds,
                   double jobsPerSecond, Stats.Percentiles latencyMicros, boolean cutShort, CpuPerThousand cpu) {
    }

    /** One command's share of Redis' time over a measured span: how often it ran and for how long in all. */
    record CommandTime(String command, long calls, long usec) {
    }

    /** Milliseconds of CPU per 1,000 jobs of each process involved; NaN where unknown. */
    record CpuPerThousand(double producerMs, double redisMs, double clientMs) {
    }

    record Memory(long jobs, int payloadBytes, long usedBefore, long usedAfter, double bytesPerJob,
                  long sampleJobHashBytes, long samplePayloadBytes, double streamBytesPerJob) {
    }

    /**
     * A processing run. {@code measuredJobs}/{@code measuredSeconds} span the first observed completion after the
     * {@code warmupJobs} to the last one, and so do the CPU figures;
     * {@code completed} is the final total:completed. {@code redis} is "one Redis" or "Redis Cluster, 3 masters";
     * {@code redisCpuSeconds} is summed over its {@code redisNodes} nodes. {@code mixedPriorities}: the jobs had
     * priorities 1 to 10 in turn (else all the default). {@code backlog} more jobs waited behind the measured ones.
     */
    record Drain(String redis, int redisNodes, int workers, boolean mixedPriorities, int concurrency, long enqueued,
                 int warmupJobs, int backlog, long completed, long measuredJobs, double measuredSeconds, double jobsPerSecond, double redisCpuSeconds, double redisCpuMsPerThousand,
                 double workerCpuMsPerThousand, double foreignCpu, Map<String, String> countsAfter,
                 boolean complete, List<CommandTime> commands) {
        boolean cluster() {
            return redisNodes > 1;
        }
    }

    /**
     * The six-queue phase: one worker on the system queue alone ({@code oneQueue}, the processing phase's run), then
     * one worker on all six work queues at once, its handlers calling local peers ({@code sixQueues}), the same
     * number of jobs each. {@code completedByQueue}: each queue's completions in the six-queue run's measured span;
     * {@code emailJobs} were enqueued on the email queue and {@code mailsReceived} arrived at the SMTP peer. The bench
     * JVM's CPU per 1,000 jobs of each run: its poller's, plus in the six-queue run the peers'.
     */
    record QueuesBusy(Drain oneQueue, Drain sixQueues, Map<QueueName, Long> completedByQueue, long emailJobs,
                      long mailsReceived, double oneQueueBenchCpuMs, double sixQueuesBenchCpuMs) {
    }

    /**
     * {@code POST /v1/jobs} paced at a target rate by wrk: what it achieved and the request latency (µs) meanwhile.
     */
    record Paced(int targetRate, int connections, int seconds, long requests, long errors, double achievedRate,
                 Stats.Percentiles latencyMicros, CpuPerThousand cpu) {
    }

    /**
     * Jobs that fail every attempt, from pre-enqueued to dead-lettered by one worker. The rate, and the CPU per
     * 1,000 jobs, span the worker's first claim to the last job reaching the DLQ.
     */
    record Failures(long jobs, long warmup, int attempts, int concurrency, long deadLettered, long measuredJobs,
                    double seconds, double jobsPerSecond,
                    double redisCpuMsPerThousand, double workerCpuMsPerThousand, Map<String, String> countsAfter,
                    boolean complete, List<CommandTime> commands) {
    }

    /** Single enqueues through several producer replicas at once; {@code p99Micros} of the slower load. */
    record Replicas(int replicas, int connectionsEach, long jobs, long errors, double jobsPerSecond, long p99Micros,
                    CpuPerThousand cpu) {
    }

    record Latency(int rate, int seconds, long sent, long errors, double achievedRate, long withResult,
                   Stats.Percentiles queueLatencyMs, Stats.Percentiles fromSendMicros, Stats.Percentiles httpMicros,
                   int warmupJobs,
                   List<String> slowest) {
    }

    Instant started = Instant.now();
    Instant finished;
    String command;
    String commit;
    Map<String, String> machine;
    Enqueue single;
    Enqueue bulk;
    Paced paced;
    Replicas replicas;
    Failures failures;
    Memory memory;
    final List<Drain> drains = new ArrayList<>();
    QueuesBusy queuesBusy;
    Latency latency;

    /** One scenario of BullMQ's anchor benchmark: its N, and its figures by bench.mjs's names (dotted when nested). */
    record Bullmq(String scenario, int jobs, Map<String, Double> figures) {
        /** NaN when bench.mjs did not report it. */
        double figure(String name) {
            return figures.getOrDefault(name, Double.NaN);
        }
    }

    /** BullMQ's anchor scenarios by bench.mjs name, in the order they ran. */
    final Map<String, Bullmq> bullmq = new java.util.LinkedHashMap<>();
    /** The versions (node, bullmq, ioredis, redis) the anchor reported. */
    Map<String, String> bullmqEnv = Map.of();
    /** Why BullMQ's anchor was not run ("--no-anchor"); null when it was. */
    String anchorSkipped;
    /** One distinct WARN/ERROR log message: how often, and in which phases. */
    record LogProblem(java.util.Set<String> phases, java.util.concurrent.atomic.AtomicLong count) {
        void add(String phase) {
            phases.add(phase);
            count.incrementAndGet();
        }
    }

    /** Distinct service log messages at WARN/ERROR ("service: LEVEL [category] (thread) message"), in first-seen order. */
    final Map<String, LogProblem> logProblems = new java.util.LinkedHashMap<>();
    /** Things a reader should know: errors, cut-short phases, warnings in the service logs. */
    final List<String> notes = new ArrayList<>();
    String logDir;
    /** Per phase: CPUs' worth of CPU used by processes outside the bench while it ran. */
    final Map<String, Double> foreignCpu = new java.util.LinkedHashMap<>();
}
