package io.streamq.worker.engine;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.Completion;
import io.streamq.core.store.WorkQueue;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Records completions of one queue in batches: at most one complete call is in flight, and whatever finished
 * meanwhile goes in the next, so the batch size follows the load without a timer adding latency. A batch is retried
 * through an outage while any of its leases holds (the script refuses the jobs another worker took over meanwhile).
 * Runs on a platform thread of the engine, which also runs what follows each batch's recording (counting its jobs,
 * ending them): no job's thread waits for its batch, since parking a virtual thread per job and waking it again was
 * a large part of the virtual-thread scheduling that led a profile of no-op jobs.
 */
final class CompletionBatcher {
    private static final Logger LOG = Logger.getLogger(CompletionBatcher.class);

    private record Pending(RunningJob job, Completion completion) {
    }

    /** A success handed over, with what became of it: recorded, refused (another worker holds the job) or given up. */
    record Result(RunningJob job, long durationMs, Recorded recorded) {
    }

    private final QueueName queue;
    private final String consumer;
    private final WorkQueue work;
    private final int batchSize;
    private final Duration callTimeout;
    private final Executor executor;
    private final Consumer<List<Result>> then;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();

    CompletionBatcher(QueueName queue, String consumer, WorkQueue work, int batchSize, Duration callTimeout,
                      Executor executor, Consumer<List<Result>> then) {
        this.queue = queue;
        this.consumer = consumer;
        this.work = work;
        this.batchSize = batchSize;
        this.callTimeout = callTimeout;
        this.executor = executor;
        this.then = then;
    }

    /**
     * Queues a completion. What became of it is handed to {@code then} exactly once, in the list of its batch, on
     * the batcher's thread (or on the caller's, when the engine is closing and the completion is given up at once).
     */
    void add(RunningJob job, Completion completion) {
        pending.add(new Pending(job, completion));
        trigger();
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
        List<Result> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            results.add(result(batch.get(i), recorded.isPresent() ? Recorded.of(recorded.get().get(i))
                    : Recorded.GAVE_UP));
        }
        done(results);
    }

    private static Result result(Pending p, Recorded recorded) {
        return new Result(p.job(), p.completion().durationMs(), recorded);
    }

    private void done(List<Result> results) {
        try {
            then.accept(results);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: what follows the recording of %d completions failed", queue, results.size());
        }
    }

    /** The engine is closing: whatever is still pending stays pending in Redis too, for recovery. */
    private void giveUpAll() {
        List<Result> givenUp = new ArrayList<>();
        Pending p;
        while ((p = pending.poll()) != null) {
            givenUp.add(result(p, Recorded.GAVE_UP));
        }
        if (!givenUp.isEmpty()) {
            done(givenUp);
        }
        LOG.debugf("%s: completion batcher closed", queue);
    }
}
