package io.streamq.worker.engine;

import io.smallrye.mutiny.Uni;
import io.streamq.core.config.QueueSettings;
import io.streamq.core.contract.QueueName;
import io.streamq.core.failure.AttemptFailure;
import io.streamq.core.failure.FailureDecision;
import io.streamq.core.failure.FailurePolicy;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Completion;
import io.streamq.core.store.WorkQueue;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the jobs of one queue, each on its own virtual thread, and settles each exactly once: records its outcome,
 * hands it back, or leaves its entry pending for recovery when Redis stays away past its lease. The job's slot is
 * freed only when its handler has returned and the job is settled, so a retry never overlaps an attempt still
 * running and the work in flight never exceeds the concurrency. A success is recorded by the {@link
 * CompletionBatcher}, whose thread then ends the job; every other outcome is recorded by the job's own thread.
 */
final class JobProcessor {
    private static final Logger LOG = Logger.getLogger(JobProcessor.class);
    /** How long a job of a type this instance cannot run waits before a worker looks at it again. */
    private static final Duration UNHANDLED_RETRY = Duration.ofSeconds(30);
    static final String UNRESPONSIVE = AttemptFailure.HANDLER_UNRESPONSIVE;

    private final QueueName queue;
    private final String consumer;
    private final QueueSettings settings;
    private final WorkQueue work;
    private final JobRunner runner;
    private final WorkerStats stats;
    private final WorkerConfig config;
    private final Map<String, RunningJob> running;
    private final Semaphore slots;
    private final EngineThreads threads;
    private final CompletionBatcher completions;
    private final EarlyCancels earlyCancels;

    JobProcessor(QueueName queue, String consumer, WorkQueue work, JobRunner runner, WorkerStats stats,
                 WorkerConfig config, Map<String, RunningJob> running, Semaphore slots, EngineThreads threads,
                 EarlyCancels earlyCancels) {
        this.queue = queue;
        this.consumer = consumer;
        this.settings = work.settings(queue);
        this.work = work;
        this.runner = runner;
        this.stats = stats;
        this.config = config;
        this.running = running;
        this.slots = slots;
        this.threads = threads;
        this.earlyCancels = earlyCancels;
        this.completions = new CompletionBatcher(queue, consumer, work, config.batchSize(), config.callTimeout(),
                threads.outcomes, this::recorded);
    }

    /**
     * Starts a job just handed to this consumer, on a slot the caller took for it.
     *
     * @param leaseFromNanos when the call that handed it over was sent
     */
    void start(ClaimedJob job, long leaseFromNanos) {
        Duration timeout = runner.timeout(job);
        RunningJob rj = new RunningJob(job, leaseFromNanos, settings.visibilityTimeout(), timeout);
        running.put(job.entryId(), rj);
        if (earlyCancels.take(job.entryId())) {
            LOG.infof("%s: %s was cancelled as it was handed over; it does not run", queue, job.jobId());
            rj.cancel(CancelReason.CANCELLED);
        }
        stats.started(queue);
        // One timer per job: the check for a handler that ignores its stop is scheduled only once its deadline passed.
        rj.addTimer(threads.timers.schedule(() -> deadlinePassed(rj), timeout.toNanos(), TimeUnit.NANOSECONDS));
        threads.jobs.execute(() -> process(rj));
    }

    private void process(RunningJob rj) {
        ClaimedJob job = rj.job();
        boolean handedOn = false;
        try {
            Outcome outcome = job.attempt() > job.maxAttempts()
                    ? new Outcome.Failed(AttemptFailure.stalled(job.maxAttempts()), 0) : runner.run(rj, consumer);
            if (rj.settle()) {
                handedOn = settle(rj, outcome);
            } else {
                LOG.warnf("%s: the handler of %s returned after its job was settled without it", queue, job.jobId());
            }
        } catch (Throwable t) {
            LOG.errorf(t, "%s: settling %s failed; its entry stays pending for recovery", queue, job.jobId());
        } finally {
            if (!handedOn) {
                ended(rj);
            }
        }
    }

    /** The handler has returned and the job is settled: it ends here, and its slot is free. */
    private void ended(RunningJob rj) {
        leave(rj);
        slots.release();
    }

    /**
     * Once per job, after its handler returned and it is settled: it leaves the running jobs (unless the watchdog
     * still records its outcome). The caller frees its slot after.
     */
    private void leave(RunningJob rj) {
        rj.cancelTimers();
        if (rj.letGo()) {
            running.remove(rj.entryId(), rj);
        }
        stats.ended(queue);
    }

    /**
     * A batch of successes came back from Redis: each is counted and ends. Their slots are freed together, last, so
     * the claim loop wakes once and claims for the whole batch rather than for the first slots freed (fewer, larger
     * claims).
     */
    private void recorded(List<CompletionBatcher.Result> batch) {
        try {
            for (CompletionBatcher.Result r : batch) {
                try {
                    count(r.recorded(), r.job(), true, r.durationMs());
                } finally {
                    leave(r.job());
                }
            }
        } finally {
            slots.release(batch.size());
        }
    }

    /**
     * @return true when a success went to the completion batcher, which ends the job once it is recorded (the job's
     * thread does not wait for that); false when the job is settled on return
     */
    private boolean settle(RunningJob rj, Outcome outcome) {
        ClaimedJob job = rj.job();
        switch (outcome) {
            case Outcome.Succeeded s -> {
                completions.add(rj, new Completion(job, s.durationMs(), s.resultJson()));
                return true;
            }
            case Outcome.Failed f -> count(recordFailure(rj, f.failure(), f.durationMs()), rj, false, f.durationMs());
            case Outcome.Unhandled u -> {
                Recorded deferred = persist("defer " + job.jobId(),
                        () -> work.defer(job, consumer, UNHANDLED_RETRY, "no-handler"), rj);
                if (deferred == Recorded.GAVE_UP) {
                    LOG.warnf("%s: handing %s back instead", queue, job.jobId());
                    handBack(rj);
                }
            }
            case Outcome.Interrupted i -> {
                if (i.reason() == CancelReason.SHUTDOWN) {
                    handBack(rj);
                } else if (i.reason() == CancelReason.CANCELLED) {
                    LOG.infof("%s: %s was cancelled; its handler stopped after %d ms", queue, job.jobId(),
                            i.durationMs());
                }
            }
        }
        return false;
    }

    /** Records what the queue's {@link FailurePolicy} makes of the failure: a retry after its backoff, or the DLQ. */
    private Recorded recordFailure(RunningJob rj, AttemptFailure failure, long durationMs) {
        ClaimedJob job = rj.job();
        var attempt = new FailurePolicy.Attempt(job.attempt(), job.maxAttempts());
        return switch (settings.failures().decide(failure, attempt)) {
            case FailureDecision.Retry retry -> persist("retry " + job.jobId(),
                    () -> work.retry(job, consumer, retry.delayMs(), durationMs, failure.error()), rj);
            case FailureDecision.DeadLetter dead -> {
                LOG.debugf("%s: %s goes to the DLQ (%s, %s)", queue, job.jobId(), failure.error().code(),
                        dead.reason());
                yield persist("fail " + job.jobId(),
                        () -> work.failToDlq(job, consumer, durationMs, failure.error()), rj);
            }
        };
    }

    /** Gives the job back to waiting, its attempt refunded: this worker will not run it. */
    private void handBack(RunningJob rj) {
        Recorded back = persist("hand back " + rj.job().jobId(),
                () -> work.handBack(queue, consumer, List.of(rj.entryId())).map(h -> h.handedBack() == 1), rj);
        if (back == Recorded.GAVE_UP) {
            LOG.warnf("%s: %s stays pending here until recovered", queue, rj.job().jobId());
        }
    }

    private Recorded persist(String what, Supplier<Uni<Boolean>> call, RunningJob rj) {
        return RedisCalls.awaitUntil(what, call, config.callTimeout(), rj.leaseUntilNanos()).map(Recorded::of)
                .orElse(Recorded.GAVE_UP);
    }

    private void count(Recorded recorded, RunningJob rj, boolean succeeded, long durationMs) {
        switch (recorded) {
            case RECORDED -> stats.recorded(queue, succeeded, durationMs);
            case REFUSED -> LOG.infof(rj.cancelReason() == CancelReason.CANCELLED
                    ? "%s: %s finished after it was cancelled; its outcome is refused"
                    : "%s: %s finished here after another worker took it over (or it was cancelled); its outcome "
                    + "there counts", queue, rj.job().jobId());
            case GAVE_UP -> LOG.warnf("%s: the outcome of %s is lost; its entry stays pending and the job runs again",
                    queue, rj.job().jobId());
        }
    }

    /** The handler's deadline: it is told to stop, and judged after the stop wait unless it returned meanwhile. */
    private void deadlinePassed(RunningJob rj) {
        rj.cancel(CancelReason.TIMEOUT);
        if (rj.handlerPending()) {
            rj.addTimer(threads.timers.schedule(() -> overdue(rj), config.handlerStopWait().toNanos(),
                    TimeUnit.NANOSECONDS));
        }
    }

    /**
     * The handler is still running well past its timeout: it ignores its cancellation. Waiting longer would hold
     * its job forever and a retry would overlap it, so the job is dead-lettered now; the slot stays taken until the
     * handler really returns.
     */
    private void overdue(RunningJob rj) {
        Duration timeout = rj.timeout();
        long inFlightLeft = rj.inFlightUntilNanos() - System.nanoTime();
        if (rj.handlerRunning() && inFlightLeft > 0) {
            // It is finishing work it declared it cannot take back (a mail on its way): wait for that, then judge.
            rj.addTimer(threads.timers.schedule(() -> overdue(rj),
                    inFlightLeft + config.handlerStopWait().toNanos(), TimeUnit.NANOSECONDS));
            return;
        }
        if (rj.handlerRunning() && rj.cancelReason() == CancelReason.CANCELLED) {
            LOG.warnf("%s: the handler of %s (%s), cancelled, is still running %d ms after it started; the job is "
                    + "recorded cancelled and its slot stays taken until the handler returns", queue, rj.job().jobId(),
                    rj.job().name(), timeout.plus(config.handlerStopWait()).toMillis());
            return;
        }
        if (!rj.handlerRunning() || rj.cancelReason() != CancelReason.TIMEOUT) {
            return;
        }
        // Held (in running, its lease renewed) until recorded and until its handler returns, or a recovery round
        // would take its pending entry for an orphan and run it beside the handler. Held before settling: a handler
        // returning in between would otherwise let the job go while its dead-letter is still being recorded.
        rj.holdForOutcome();
        if (!rj.settle()) {
            if (rj.letGo()) {
                running.remove(rj.entryId(), rj);
            }
            return;
        }
        long ms = timeout.plus(config.handlerStopWait()).toMillis();
        LOG.errorf("%s: the handler of %s (%s) ignores its cancellation: still running %d ms after it started, %d ms "
                + "past its timeout. The job goes to the DLQ as %s so no retry overlaps it; its slot stays taken until "
                + "the handler returns.", queue, rj.job().jobId(), rj.job().name(), ms,
                config.handlerStopWait().toMillis(), UNRESPONSIVE);
        AttemptFailure unresponsive = AttemptFailure.unresponsive(config.handlerStopWait(), timeout);
        threads.outcomes.execute(() -> {
            try {
                count(recordFailure(rj, unresponsive, ms), rj, false, ms);
            } finally {
                if (rj.letGo()) {
                    running.remove(rj.entryId(), rj);
                }
            }
        });
    }
}
