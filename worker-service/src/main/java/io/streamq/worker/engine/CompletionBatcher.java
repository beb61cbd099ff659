package io.streamq.worker.engine;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.Completion;
import io.streamq.core.store.WorkQueue;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records completions of one queue in batches: at most one complete call is in flight, and whatever finished
 * meanwhile goes in the next, so the batch size follows the load without a timer adding latency. A batch is retried
 * through an outage while any of its leases holds (the script refuses the jobs another worker took over meanwhile).
 * Runs on a platform thread of the engine.
 */
final class CompletionBatcher {
    private static final Logger LOG = Logger.getLogger(CompletionBatcher.class);

    private record Pending(RunningJob job, Completion completion, CompletableFuture<Recorded> recorded) {
    }

    private final QueueName queue;
    private final String consumer;
    private final WorkQueue work;
    private final int batchSize;
    private final Duration callTimeout;
    private final Executor executor;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();

    CompletionBatcher(QueueName queue, String consumer, WorkQueue work, int batchSize, Duration callTimeout,
                      Executor executor) {
        this.queue = queue;
        this.consumer = consumer;
        this.work = work;
        this.batchSize = batchSize;
        this.callTimeout = callTimeout;
        this.executor = executor;
    }

    CompletableFuture<Recorded> add(RunningJob job, Completion completion) {
        Pending p = new Pending(job, completion, new CompletableFuture<>());
        pending.add(p);
        trigger();
        return p.recorded();
    }

    private void trigger() {
        if (flushing.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException | Error cannotRun) {
                // Closed at shutdown, or no thread to be had: nobody would drain, so the waiting jobs must not wait.
                flushing.set(false);
                giveUpAll();
            }
        }
    }

    private void drain() {
        try {
            List<Pending> batch;
            while (!(batch = take()).isEmpty()) {
                flush(batch);
            }
        } finally {
            flushing.set(false);
            if (Thread.currentThread().isInterrupted()) {
                giveUpAll();
            } else if (!pending.isEmpty()) {
                trigger();
            }
        }
    }

    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        Pending p;
        while (batch.size() < batchSize && (p = pending.poll()) != null) {
            batch.add(p);
        }
        return batch;
    }

    private void flush(List<Pending> batch) {
        List<Completion> completions = batch.stream().map(Pending::completion).toList();
        var recorded = RedisCalls.awaitUntil("complete " + batch.size() + " jobs of " + queue,
                () -> work.complete(queue, consumer, completions), callTimeout,
                batch.stream().mapToLong(p -> p.job().leaseUntilNanos()).max().orElseThrow());
        for (int i = 0; i < batch.size(); i++) {
            int at = i;
            batch.get(i).recorded().complete(recorded.map(r -> Recorded.of(r.get(at))).orElse(Recorded.GAVE_UP));
        }
    }

    /** The engine is closing: whatever is still pending stays pending in Redis too, for recovery. */
    private void giveUpAll() {
        Pending p;
        while ((p = pending.poll()) != null) {
            p.recorded().complete(Recorded.GAVE_UP);
        }
        LOG.debugf("%s: completion batcher closed", queue);
    }
}
