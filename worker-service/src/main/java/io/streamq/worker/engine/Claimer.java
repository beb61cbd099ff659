package io.streamq.worker.engine;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.HandBack;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.store.WorkQueue;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The claim loop's turn. It takes the free slots and, when a recovery round is due (every third of the visibility
 * timeout), first hands back orphans (entries pending for this consumer that it does not run: what a claim whose
 * answer was lost took) and offers the slots to {@code reclaim}, so jobs of stopped workers are recovered even while
 * the queue keeps every slot busy; the rest go to {@code claim}. A failed claim makes the next turn a recovery round.
 * Claims, reclaims, dispatch and hand-backs all happen under one gate: shutdown takes it to stop claiming without
 * cutting a claim short (its jobs would be stranded), and no job between its claim's answer and its dispatch is
 * ever taken for an orphan.
 */
final class Claimer {
    private static final Logger LOG = Logger.getLogger(Claimer.class);
    private static final long SLOT_WAIT_MS = 1000;
    private static final Duration PAUSED_WAIT = Duration.ofMillis(500);

    private final QueueName queue;
    private final String consumer;
    private final WorkQueue work;
    private final WorkerConfig config;
    private final Semaphore slots;
    private final Map<String, RunningJob> running;
    private final JobProcessor processor;
    private final long reclaimPeriodNanos;
    private final int orphanScan;
    private final LimitWait limits;
    private final ReentrantLock gate = new ReentrantLock();
    private volatile boolean accepting = true;
    // Read and written by the claim loop thread only.
    private String reclaimCursor = ReclaimBatch.START;
    private long nextReclaimNanos = System.nanoTime();

    Claimer(QueueName queue, String consumer, WorkQueue work, WorkerConfig config, Semaphore slots,
            Map<String, RunningJob> running, JobProcessor processor) {
        this.queue = queue;
        this.consumer = consumer;
        this.work = work;
        this.config = config;
        this.slots = slots;
        this.running = running;
        this.processor = processor;
        this.reclaimPeriodNanos = work.settings(queue).visibilityTimeout().dividedBy(3).toNanos();
        this.orphanScan = work.settings(queue).concurrency() + config.batchSize();
        this.limits = new LimitWait(queue, config.maxActivePoll());
    }

    Duration turn() throws InterruptedException {
        if (!slots.tryAcquire(SLOT_WAIT_MS, TimeUnit.MILLISECONDS)) {
            return Duration.ZERO;
        }
        int held = 1 + freeSlots();
        ClaimResult.Empty waitAfter = null;
        Duration pause = Duration.ZERO;
        try {
            gate.lockInterruptibly();
            try {
                if (!accepting) {
                    return Duration.ZERO;
                }
                if (System.nanoTime() - nextReclaimNanos >= 0) {
                    held -= recover(held);
                }
                if (held > 0) {
                    long sent = System.nanoTime();
                    switch (claim(held)) {
                        case ClaimResult.Jobs jobs -> held -= dispatch(jobs.jobs(), sent);
                        case ClaimResult.Empty empty -> waitAfter = empty;
                        case ClaimResult.Paused paused -> pause = min(PAUSED_WAIT, untilReclaim());
                        case ClaimResult.Limited limited -> pause = untilRecoveryOr(limits.heldBy(limited));
                    }
                }
            } finally {
                gate.unlock();
            }
        } finally {
            slots.release(held);
        }
        if (waitAfter != null) {
            awaitEntriesAfter(waitAfter);
        }
        return pause;
    }

    /** Adds the other free slots to the one held, up to a batch. */
    private int freeSlots() {
        int more = slots.drainPermits();
        int surplus = more + 1 - config.batchSize();
        if (surplus > 0) {
            slots.release(surplus);
            more -= surplus;
        }
        return more;
    }

    /** @return how many jobs it dispatched, each on one of the held slots */
    private int recover(int held) {
        handBackOrphans();
        long sent = System.nanoTime();
        ReclaimBatch batch = RedisCalls.await(() -> work.reclaim(queue, consumer, held, reclaimCursor),
                config.callTimeout());
        reclaimCursor = batch.nextCursor();
        // A walk that stopped mid-list goes on at the next turn; a finished one waits for the next round.
        nextReclaimNanos = ReclaimBatch.START.equals(reclaimCursor) ? sent + reclaimPeriodNanos : sent;
        if (!batch.jobs().isEmpty()) {
            LOG.infof("%s: recovered %d jobs of stopped workers", queue, batch.jobs().size());
        }
        return dispatch(batch.jobs(), sent);
    }

    private ClaimResult claim(int wanted) {
        try {
            return RedisCalls.await(() -> work.claim(queue, consumer, wanted), config.callTimeout());
        } catch (RuntimeException e) {
            // The claim may have run in Redis all the same (or may still run): what it took is pending here, unknown
            // to this worker. The next turn looks for it, and so does every recovery round after.
            nextReclaimNanos = System.nanoTime();
            throw e;
        }
    }

    /** Neither claim nor reclaim hands over an entry this consumer holds, so each job here is new to it. */
    private int dispatch(List<ClaimedJob> jobs, long sent) {
        jobs.forEach(job -> processor.start(job, sent));
        return jobs.size();
    }

    /**
     * Hands back this consumer's pending entries it does not run: what a claim whose answer was lost took. Under the
     * gate, no claim or reclaim is between its answer and its dispatch, so an entry not in {@code running} is one
     * this worker will never run. (So is the entry of a job whose outcome could not be recorded before its lease
     * lapsed: it goes back to waiting a little sooner than recovery would take it.)
     */
    private void handBackOrphans() {
        Set<String> orphans = new LinkedHashSet<>(RedisCalls.await(() -> work.pendingEntries(queue, consumer,
                orphanScan), config.callTimeout()));
        orphans.removeAll(running.keySet());
        if (!orphans.isEmpty()) {
            HandBack back = RedisCalls.await(() -> work.handBack(queue, consumer, orphans), config.callTimeout());
            // Nothing handed back: the entries were jobs that ended between the pending scan and the look at
            // `running` (recorded, then let go), not orphans.
            if (back.handedBack() + back.staleDropped() > 0) {
                LOG.warnf("%s: %d jobs pending here that this worker does not run (a claim's lost answer) went back"
                        + " to waiting; %d stale entries dropped", queue, back.handedBack(), back.staleDropped());
            }
        }
    }

    private void awaitEntriesAfter(ClaimResult.Empty empty) {
        Duration wait = min(config.idleWait(), untilReclaim());
        // BLOCK 0 would wait forever.
        if (wait.toMillis() > 0) {
            RedisCalls.await(() -> work.awaitEntriesAfter(queue, empty, wait), wait.plus(config.callTimeout()));
        }
    }

    private Duration untilReclaim() {
        return Duration.ofNanos(Math.max(0, nextReclaimNanos - System.nanoTime()));
    }

    /**
     * A wait bounded by the next recovery round, unless one is due now: a reclaim walk that goes on at once (this turn
     * just ran it) would make every wait zero and the loop spin while the rate holds the reclaim as well; a walk
     * resumed a poll interval late at max active costs nothing.
     */
    private Duration untilRecoveryOr(Duration wait) {
        Duration recovery = untilReclaim();
        return recovery.isZero() ? wait : min(wait, recovery);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Stops claiming: waits (until the deadline) for a claim in flight to be answered and its jobs dispatched, then
     * stops the loop, interrupting its waits. If the claim outlasts the deadline the loop is left to end after it.
     */
    void stop(EngineLoop loop, long deadlineNanos) {
        boolean locked = false;
        try {
            locked = gate.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        accepting = false;
        if (locked) {
            gate.unlock();
            loop.stop();
        } else {
            LOG.warnf("%s: a claim is still in flight at the shutdown deadline; its jobs may stay pending until "
                    + "recovered", queue);
            loop.finishTurn();
        }
    }
}
