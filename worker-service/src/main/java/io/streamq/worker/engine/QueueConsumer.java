package io.streamq.worker.engine;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.HandBack;
import io.streamq.core.store.WorkQueue;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Consumes one queue: a claim loop (which also recovers the jobs of stopped workers), a promote loop and a lease
 * loop, each on a platform thread; every job on its own virtual thread. A slot is held from claim until the job's
 * handler has returned and its outcome is settled, so work in flight never exceeds the queue's concurrency.
 * {@link Engine} drives the shutdown phases of all its queues together.
 */
final class QueueConsumer {
    private static final Logger LOG = Logger.getLogger(QueueConsumer.class);

    private final QueueName queue;
    private final String consumer;
    private final WorkQueue work;
    private final WorkerConfig config;
    private final int concurrency;
    private final Semaphore slots;
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final Claimer claimer;
    private final EngineLoop claimLoop;
    private final EngineLoop promoteLoop;
    private final EngineLoop leaseLoop;

    QueueConsumer(QueueName queue, String consumer, WorkQueue work, JobRunner runner, WorkerStats stats,
                  WorkerConfig config, EngineThreads threads, EarlyCancels earlyCancels) {
        this.queue = queue;
        this.consumer = consumer;
        this.work = work;
        this.config = config;
        this.concurrency = work.settings(queue).concurrency();
        this.slots = new Semaphore(concurrency);
        JobProcessor processor = new JobProcessor(queue, consumer, work, runner, stats, config, running, slots,
                threads, earlyCancels);
        this.claimer = new Claimer(queue, consumer, work, config, slots, running, processor);
        LeaseKeeper leases = new LeaseKeeper(queue, consumer, work, config, running);
        this.claimLoop = new EngineLoop(queue.wireName() + "-claim", claimer::turn);
        this.promoteLoop = new EngineLoop(queue.wireName() + "-promote", this::promoteOnce);
        this.leaseLoop = new EngineLoop(queue.wireName() + "-lease", leases::turn);
    }

    QueueName queue() {
        return queue;
    }

    void start() {
        leaseLoop.start();
        promoteLoop.start();
        claimLoop.start();
    }

    private Duration promoteOnce() {
        var p = RedisCalls.await(() -> work.promote(queue, config.batchSize()), config.callTimeout());
        if (p.promoted() >= config.batchSize()) {
            return Duration.ZERO;
        }
        long max = config.promoteInterval().toMillis();
        long wait = p.nextDueInMs() < 0 ? max : Math.min(p.nextDueInMs(), max);
        return Duration.ofMillis(Math.max(wait, 5));
    }

    /** Shutdown, first phase: no more claims or promotions; a claim in flight is let finish and dispatched. */
    void stopClaiming(long deadlineNanos) {
        claimer.stop(claimLoop, deadlineNanos);
        promoteLoop.stop();
        claimLoop.join(deadlineNanos);
        // Interrupted mid-call at worst, which the promote script shrugs off (it is idempotent); joined so no turn
        // outlives the thread pool it may still hand work to.
        promoteLoop.join(deadlineNanos);
    }

    /** @return true once every job has ended and is settled; false at the deadline */
    boolean awaitSettled(long deadlineNanos) {
        try {
            if (slots.tryAcquire(concurrency, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                slots.release(concurrency);
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * A producer or an owner cancelled the job this consumer runs under {@code entryId}: its handler is interrupted
     * now (the job is recorded cancelled already).
     *
     * @return false when no such job runs here (it ended, or its claim is still on its way: {@link EarlyCancels}
     * stops it as it starts)
     */
    boolean cancelRequested(String entryId, String jobId) {
        RunningJob rj = running.get(entryId);
        if (rj == null || !rj.job().jobId().equals(jobId) || rj.settled()) {
            return false;
        }
        return rj.cancel(CancelReason.CANCELLED);
    }

    /** Shutdown: stops the handlers still running; each job whose handler stops is handed back by its own thread. */
    void cancelRunning() {
        running.values().forEach(rj -> rj.cancel(CancelReason.SHUTDOWN));
    }

    /**
     * Shutdown, last phase: the handlers still running ignored their stop. Their jobs are handed back all the same,
     * in one call: the handlers die with the process.
     */
    void handBackStuck() {
        // Started or not: a job whose thread has not reached its handler yet is handed back too, and never runs.
        List<RunningJob> stuck = running.values().stream().filter(RunningJob::handlerPending)
                .filter(RunningJob::settle).toList();
        if (stuck.isEmpty()) {
            return;
        }
        stuck.forEach(rj -> running.remove(rj.entryId(), rj));
        List<String> entries = stuck.stream().map(RunningJob::entryId).toList();
        LOG.errorf("%s: %d jobs still held at the deadline, their handlers ignoring the stop or not started (%s); they go "
                + "back to waiting", queue, stuck.size(),
                stuck.stream().map(rj -> rj.job().jobId()).toList());
        try {
            HandBack back = RedisCalls.await(() -> work.handBack(queue, consumer, entries), config.callTimeout());
            LOG.infof("%s: handed back %d jobs", queue, back.handedBack());
        } catch (RuntimeException e) {
            LOG.errorf("%s: could not hand back %d jobs (%s); they stay pending until recovered", queue,
                    entries.size(), RedisCalls.why(e));
        }
    }

    /** Stops renewing leases: whatever is still here is left pending for recovery. */
    void close(long deadlineNanos) {
        leaseLoop.stop();
        leaseLoop.join(deadlineNanos);
        if (!running.isEmpty()) {
            LOG.warnf("%s: %d jobs still recording their outcome at shutdown are left pending for recovery", queue,
                    running.size());
        }
    }

    int running() {
        return running.size();
    }

    List<LoopHealth> health(Duration stallAfter) {
        return List.of(claimLoop.health(stallAfter), promoteLoop.health(stallAfter), leaseLoop.health(stallAfter));
    }
}
