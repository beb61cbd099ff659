package io.streamq.worker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.ConsumerGroups;
import io.streamq.core.store.WorkQueue;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The worker engine under one consumer name: a {@link QueueConsumer} per queue, and the pruning of consumers that
 * left the {@code workers} groups. Stopping is one sequence over every queue at once, under one deadline: stop
 * claiming everywhere; let running jobs finish; stop the handlers still running, whose jobs go back to waiting
 * without spending an attempt; close.
 */
final class Engine {
    private static final Logger LOG = Logger.getLogger(Engine.class);

    private final String consumer;
    private final ConsumerGroups groups;
    private final WorkerConfig config;
    private final Set<QueueName> queues;
    private final EngineThreads threads = new EngineThreads();
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private final EngineLoop pruneLoop;
    private final CancelRequests cancelRequests;
    private final EarlyCancels earlyCancels = new EarlyCancels();

    Engine(Set<QueueName> queues, String consumer, WorkQueue work, ConsumerGroups groups, JobRunner runner,
           WorkerStats stats, WorkerConfig config, ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.consumer = consumer;
        this.groups = groups;
        this.config = config;
        this.queues = Set.copyOf(queues);
        for (QueueName queue : queues) {
            consumers.add(new QueueConsumer(queue, consumer, work, runner, stats, config, threads, earlyCancels));
        }
        this.pruneLoop = new EngineLoop(consumer + "-prune", this::prune);
        this.cancelRequests = new CancelRequests(redis, mapper, consumer, this, earlyCancels);
    }

    void start() {
        // Before the first claim, so a job cancelled right after it starts is interrupted at once.
        cancelRequests.start();
        consumers.forEach(QueueConsumer::start);
        pruneLoop.start();
    }

    /** Deletes the consumers that hold nothing and have been silent long: each worker start adds one. */
    private Duration prune() {
        for (QueueName queue : queues) {
            try {
                int deleted = RedisCalls.await(() -> groups.pruneWorkers(queue, config.pruneMinIdle()),
                        config.callTimeout());
                if (deleted > 0) {
                    LOG.infof("%s: deleted %d consumers silent for over %s", queue, deleted, config.pruneMinIdle());
                }
            } catch (RuntimeException e) {
                LOG.warnf("%s: could not prune consumers: %s", queue, RedisCalls.why(e));
            }
        }
        return config.pruneInterval();
    }

    /**
     * Running jobs get the grace less the handler stop wait (at least half of it) to finish; the handlers still
     * running then are stopped and have until the deadline to return.
     */
    void stop(Duration grace) {
        long start = System.nanoTime();
        long deadline = start + grace.toNanos();
        long cancelAt = deadline - Math.min(config.handlerStopWait().toNanos(), grace.toNanos() / 2);
        consumers.forEach(c -> c.stopClaiming(deadline));
        pruneLoop.stop();
        if (!allSettled(cancelAt)) {
            int left = consumers.stream().mapToInt(QueueConsumer::running).sum();
            LOG.infof("%s: %d jobs still running; stopping their handlers and handing them back", consumer, left);
            consumers.forEach(QueueConsumer::cancelRunning);
            if (!allSettled(deadline)) {
                consumers.forEach(QueueConsumer::handBackStuck);
            }
        }
        consumers.forEach(c -> c.close(deadline));
        cancelRequests.close();
        pruneLoop.join(deadline);
        threads.close();
        LOG.infof("%s stopped in %d ms", consumer, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Waits for each queue in turn; the deadline is shared, so the waits add up to one grace at most. */
    private boolean allSettled(long deadlineNanos) {
        boolean settled = true;
        for (QueueConsumer c : consumers) {
            settled &= c.awaitSettled(deadlineNanos);
        }
        return settled;
    }

    /** @return whether a handler of the job was running here and is now told to stop */
    boolean cancelRequested(QueueName queue, String entryId, String jobId) {
        return consumers.stream().filter(c -> c.queue() == queue)
                .anyMatch(c -> c.cancelRequested(entryId, jobId));
    }

    List<LoopHealth> health() {
        return Stream.concat(consumers.stream().flatMap(c -> c.health(config.stallAfter()).stream()),
                Stream.of(pruneLoop.health(config.stallAfter()))).toList();
    }

    /** The queues whose loops all run and make progress. */
    Set<QueueName> healthyQueues() {
        Set<QueueName> healthy = EnumSet.noneOf(QueueName.class);
        consumers.stream().filter(c -> c.health(config.stallAfter()).stream().allMatch(LoopHealth::healthy))
                .forEach(c -> healthy.add(c.queue()));
        return healthy;
    }
}
