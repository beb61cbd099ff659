package io.streamq.worker.engine;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.Completion;
import io.streamq.core.store.WorkQueue;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Records completions of one queue in batches: at most one complete call is in flight, and whatever finished
 * meanwhile goes in the next, so the batch size follows the load without a timer adding latency.
 */
final class CompletionBatcher {
    private static final Logger LOG = Logger.getLogger(CompletionBatcher.class);

    private final QueueName queue;
    private final String consumer;
    private final WorkQueue work;
    private final int batchSize;
    private final Executor executor;
    private final Consumer<Completion> afterRecorded;
    private final Queue<Completion> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();

    CompletionBatcher(QueueName queue, String consumer, WorkQueue work, int batchSize, Executor executor,
                      Consumer<Completion> afterRecorded) {
        this.queue = queue;
        this.consumer = consumer;
        this.work = work;
        this.batchSize = batchSize;
        this.executor = executor;
        this.afterRecorded = afterRecorded;
    }

    void add(Completion completion) {
        pending.add(completion);
        trigger();
    }

    private void trigger() {
        if (flushing.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            List<Completion> batch;
            while (!(batch = take()).isEmpty()) {
                flush(batch);
            }
        } finally {
            flushing.set(false);
            if (!pending.isEmpty()) {
                trigger();
            }
        }
    }

    private List<Completion> take() {
        List<Completion> batch = new ArrayList<>();
        Completion c;
        while (batch.size() < batchSize && (c = pending.poll()) != null) {
            batch.add(c);
        }
        return batch;
    }

    private void flush(List<Completion> batch) {
        try {
            List<Boolean> recorded = RedisCalls.awaitRetrying("complete " + batch.size() + " jobs of " + queue,
                    () -> work.complete(queue, consumer, batch));
            for (int i = 0; i < batch.size(); i++) {
                if (!recorded.get(i)) {
                    LOG.infof("Job %s finished here after another worker took it over; its outcome there counts",
                            batch.get(i).job().jobId());
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf("Could not record %d completions of %s; recovery will run them again: %s", batch.size(),
                    queue, e.getMessage());
        }
        batch.forEach(afterRecorded);
    }
}
