package io.streamq.worker.engine;

import io.streamq.core.config.QueueSettings;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Completion;
import io.streamq.core.job.JobError;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.store.WorkQueue;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Consumes one queue: claims batches up to the queue's concurrency, runs each job on a virtual thread, records
 * outcomes (completions batched), promotes due delayed jobs, keeps its leases and recovers jobs of dead workers.
 * A slot is held from claim until the outcome is recorded, so in-flight work never exceeds the concurrency.
 */
final class QueueConsumer {
    private static final Logger LOG = Logger.getLogger(QueueConsumer.class);
    /** How long a job of a type this instance cannot run waits before a worker looks at it again. */
    private static final Duration UNHANDLED_RETRY = Duration.ofSeconds(30);

    private final QueueName queue;
    private final QueueSettings settings;
    private final WorkQueue work;
    private final JobRunner runner;
    private final WorkerStats stats;
    private final WorkerConfig config;
    private final String consumer;
    private final Semaphore slots;
    private final Map<String, ClaimedJob> running = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CompletionBatcher completions;
    private final List<Future<?>> loops = new ArrayList<>();
    private volatile boolean accepting = true;
    private String reclaimCursor = ReclaimBatch.START;

    QueueConsumer(QueueName queue, WorkQueue work, JobRunner runner, WorkerStats stats, WorkerConfig config,
                  String consumer) {
        this.queue = queue;
        this.settings = work.settings(queue);
        this.work = work;
        this.runner = runner;
        this.stats = stats;
        this.config = config;
        this.consumer = consumer;
        this.slots = new Semaphore(settings.concurrency());
        this.completions = new CompletionBatcher(queue, consumer, work, config.batchSize(), threads,
                c -> finished(c.job(), true, c.durationMs()));
    }

    void start() {
        loops.add(threads.submit(loop("claim", this::claimOnce)));
        loops.add(threads.submit(loop("promote", this::promoteOnce)));
        loops.add(threads.submit(loop("recover", this::recoverOnce)));
    }

    /** Stops claiming, lets running jobs finish within the grace period; the rest stay pending for recovery. */
    void stop(Duration grace) {
        accepting = false;
        // Wake the loops from their waits (a free slot, new entries) so they cannot claim more meanwhile.
        loops.forEach(loop -> loop.cancel(true));
        boolean drained = false;
        try {
            drained = slots.tryAcquire(settings.concurrency(), grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!drained) {
            LOG.warnf("%s: %d jobs still running after %s; left pending for another worker to recover", queue,
                    running.size(), grace);
        }
        threads.shutdownNow();
    }

    private Runnable loop(String name, Runnable step) {
        return () -> {
            Thread.currentThread().setName(queue + "-" + name);
            while (accepting) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    if (!accepting) {
                        return; // stopping: the interrupt that woke this loop is not a failure
                    }
                    LOG.warnf("%s %s loop: %s", queue, name, e.getMessage());
                    RedisCalls.sleep(Duration.ofSeconds(1));
                }
            }
        };
    }

    private void claimOnce() {
        acquireOne();
        int wanted = takeFreeSlots(1);
        ClaimResult result;
        try {
            result = RedisCalls.await(() -> work.claim(queue, consumer, wanted));
        } catch (RuntimeException e) {
            slots.release(wanted);
            throw e;
        }
        switch (result) {
            case ClaimResult.Jobs jobs -> {
                slots.release(wanted - jobs.jobs().size());
                jobs.jobs().forEach(this::dispatch);
            }
            case ClaimResult.Empty empty -> {
                slots.release(wanted);
                RedisCalls.await(() -> work.awaitEntriesAfter(queue, empty.newestEntryId(), config.idleWait()));
            }
            case ClaimResult.Paused paused -> {
                slots.release(wanted);
                RedisCalls.sleep(Duration.ofMillis(500));
            }
        }
    }

    private void acquireOne() {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free slot", e);
        }
    }

    /** Adds every other free slot to the ones already held, up to a batch. */
    private int takeFreeSlots(int held) {
        int total = held + slots.drainPermits();
        if (total > config.batchSize()) {
            slots.release(total - config.batchSize());
            total = config.batchSize();
        }
        return total;
    }

    private void promoteOnce() {
        WorkQueue.Promotion p = RedisCalls.await(() -> work.promote(queue, config.batchSize()));
        if (p.promoted() < config.batchSize()) {
            long max = config.promoteInterval().toMillis();
            long wait = p.nextDueInMs() < 0 ? max : Math.min(p.nextDueInMs(), max);
            RedisCalls.sleep(Duration.ofMillis(Math.max(wait, 5)));
        }
    }

    /** Keeps this worker's leases fresh and takes over the jobs of workers that stopped. */
    private void recoverOnce() {
        RedisCalls.await(() -> work.extendLeases(queue, consumer, List.copyOf(running.values())));
        int free = slots.drainPermits();
        if (free > 0) {
            List<ClaimedJob> recovered;
            try {
                ReclaimBatch batch = RedisCalls.await(
                        () -> work.reclaim(queue, consumer, Math.min(free, config.batchSize()), reclaimCursor));
                reclaimCursor = batch.nextCursor();
                recovered = batch.jobs();
            } catch (RuntimeException e) {
                slots.release(free);
                throw e;
            }
            slots.release(free - recovered.size());
            if (!recovered.isEmpty()) {
                LOG.infof("%s: recovered %d jobs of stopped workers", queue, recovered.size());
            }
            recovered.forEach(this::dispatch);
        }
        RedisCalls.sleep(settings.visibilityTimeout().dividedBy(3));
    }

    private void dispatch(ClaimedJob job) {
        running.put(job.entryId(), job);
        stats.started();
        threads.execute(() -> process(job));
    }

    private void process(ClaimedJob job) {
        if (job.attempt() > job.maxAttempts()) {
            // Recovery handed us a job whose every attempt lost its worker: it is what kills them.
            JobError stalled = new JobError("stalled", "Stalled", "The worker running this job stopped on each of its "
                    + job.maxAttempts() + " attempts", null);
            recordFailure(job, stalled, false, 0);
            return;
        }
        Outcome outcome = runner.run(job);
        switch (outcome) {
            case Outcome.Succeeded s -> completions.add(new Completion(job, s.durationMs(), s.resultJson()));
            case Outcome.Failed f -> recordFailure(job, f.error(), f.retryable(), f.durationMs());
            case Outcome.Unhandled u -> {
                RedisCalls.awaitRetrying("defer " + job.jobId(),
                        () -> work.defer(job, consumer, UNHANDLED_RETRY, "no-handler"));
                release(job);
            }
            case Outcome.Abandoned a -> release(job);
        }
    }

    private void recordFailure(ClaimedJob job, JobError error, boolean retryable, long durationMs) {
        try {
            if (settings.routing().sendToDlq(error.code(), retryable, job.attempt(), job.maxAttempts())) {
                RedisCalls.awaitRetrying("fail " + job.jobId(), () -> work.failToDlq(job, consumer, durationMs, error));
            } else {
                long backoff = settings.backoff().delayMs(job.attempt(), ThreadLocalRandom.current());
                RedisCalls.awaitRetrying("retry " + job.jobId(),
                        () -> work.retry(job, consumer, backoff, durationMs, error));
            }
        } catch (RuntimeException e) {
            LOG.errorf("Could not record the failure of %s; recovery will run it again: %s", job.jobId(),
                    e.getMessage());
        }
        finished(job, false, durationMs);
    }

    private void finished(ClaimedJob job, boolean succeeded, long durationMs) {
        stats.finished(succeeded, durationMs);
        running.remove(job.entryId());
        slots.release();
    }

    private void release(ClaimedJob job) {
        stats.abandoned();
        running.remove(job.entryId());
        slots.release();
    }
}
