package io.streamq.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Completion;
import io.streamq.core.job.EnqueueOptions;
import io.streamq.core.job.EnqueuedJob;
import io.streamq.core.job.JobError;
import io.streamq.core.job.NewJob;
import io.streamq.core.job.WorkerHeartbeat;
import io.streamq.core.job.WorkerQueueStats;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.WorkQueue;
import io.streamq.core.store.WorkerRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Drives jobs through queue-core exactly as producer-service and worker-service do, for the tests. */
@ApplicationScoped
public class Drive {

    static final Duration WAIT = Duration.ofSeconds(10);

    final JobStore store;
    final WorkQueue work;
    final WorkerRegistry registry;
    final ObjectMapper mapper;

    public Drive(JobStore store, WorkQueue work, WorkerRegistry registry, ObjectMapper mapper) {
        this.store = store;
        this.work = work;
        this.registry = registry;
        this.mapper = mapper;
    }

    List<String> enqueue(JobType type, int n, String payloadJson) {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(new NewJob(type, payloadJson, "t-1", "ws-1", "tester", null, 0));
        }
        return store.enqueue(jobs).await().atMost(WAIT).stream().map(EnqueuedJob::id).toList();
    }

    List<String> enqueueAt(int priority, JobType type, int n, String payloadJson) {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(new NewJob(type, payloadJson, "t-1", "ws-1", "tester", null, 0,
                    new EnqueueOptions(priority, 0, false)));
        }
        return store.enqueue(jobs).await().atMost(WAIT).stream().map(EnqueuedJob::id).toList();
    }

    /** Jobs of one tenant, due after {@code delayMs} (0: waiting now). */
    List<String> enqueueFor(String tenant, long delayMs, JobType type, int n, String payloadJson) {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(new NewJob(type, payloadJson, tenant, "ws-1", "tester", null, delayMs));
        }
        return store.enqueue(jobs).await().atMost(WAIT).stream().map(EnqueuedJob::id).toList();
    }

    /**
     * Claims everything waiting in the queue (other tests' jobs too) and completes all but {@code jobId}, which
     * stays active.
     */
    ClaimedJob claimOnly(QueueName queue, String consumer, String jobId) {
        ClaimedJob mine = null;
        for (ClaimedJob job : claim(queue, consumer, 1000)) {
            if (job.jobId().equals(jobId)) {
                mine = job;
            } else {
                complete(queue, consumer, job, 1);
            }
        }
        if (mine == null) {
            throw new IllegalStateException(jobId + " was not claimed");
        }
        return mine;
    }

    List<ClaimedJob> claim(QueueName queue, String consumer, int max) {
        ClaimResult r = work.claim(queue, consumer, max).await().atMost(WAIT);
        return r instanceof ClaimResult.Jobs jobs ? jobs.jobs() : List.of();
    }

    ClaimResult claimResult(QueueName queue, String consumer) {
        return work.claim(queue, consumer, 1).await().atMost(WAIT);
    }

    void complete(QueueName queue, String consumer, ClaimedJob job, long durationMs) {
        if (!recorded(queue, consumer, job, durationMs)) {
            throw new IllegalStateException("complete not recorded for " + job.jobId());
        }
    }

    /** Completes the job as its worker would; false when the completion was refused (the lease is gone). */
    boolean recorded(QueueName queue, String consumer, ClaimedJob job, long durationMs) {
        return work.complete(queue, consumer, List.of(new Completion(job, durationMs, "{\"ok\":true}"))).await()
                .atMost(WAIT).getFirst();
    }

    void retry(ClaimedJob job, String consumer, long durationMs, String code, String message) {
        if (!work.retry(job, consumer, 60_000, durationMs, new JobError(code, "TestError", message, ""))
                .await().atMost(WAIT)) {
            throw new IllegalStateException("retry not recorded");
        }
    }

    void fail(ClaimedJob job, String consumer, long durationMs, String code, String message) {
        if (!work.failToDlq(job, consumer, durationMs, new JobError(code, "TestError", message, ""))
                .await().atMost(WAIT)) {
            throw new IllegalStateException("fail not recorded");
        }
    }

    /** A heartbeat whose every queue has the same numbers: 4 slots, 1 running, 10 processed, 2 failed, 120.5 ms. */
    void beat(String workerId, List<String> queues, Duration ttl) {
        Map<String, WorkerQueueStats> byQueue = new LinkedHashMap<>();
        queues.forEach(q -> byQueue.put(q, new WorkerQueueStats(4, 1, 10, 2, 120.5)));
        beat(workerId, "test-host", "1.0-test", byQueue, ttl);
    }

    /** A heartbeat with each queue's own numbers; the flat fields are their sums, as a worker sends them. */
    void beat(String workerId, String host, String version, Map<String, WorkerQueueStats> byQueue, Duration ttl) {
        long now = System.currentTimeMillis();
        Collection<WorkerQueueStats> all = byQueue.values();
        long processed = all.stream().mapToLong(WorkerQueueStats::processed).sum();
        double weighted = all.stream().mapToDouble(s -> s.avgProcessingMs() * s.processed()).sum();
        beatJson(workerId, new WorkerHeartbeat(workerId, host, List.copyOf(byQueue.keySet()),
                all.stream().mapToInt(WorkerQueueStats::concurrency).sum(),
                all.stream().mapToInt(WorkerQueueStats::active).sum(), processed,
                all.stream().mapToLong(WorkerQueueStats::failed).sum(), processed == 0 ? 0 : weighted / processed,
                now - 60_000, now, version, byQueue), ttl);
    }

    /** Writes any heartbeat object (or JSON text) as the worker's registry entry. */
    void beatJson(String workerId, Object heartbeat, Duration ttl) {
        try {
            String json = heartbeat instanceof String text ? text : mapper.writeValueAsString(heartbeat);
            registry.beat(workerId, json, ttl).await().atMost(WAIT);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls a condition; for events that arrive asynchronously (pub/sub, expiry), never for speed. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
