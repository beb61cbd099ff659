package io.streamq.worker.engine;

import io.streamq.core.job.ClaimedJob;
import io.streamq.worker.handler.Cancellation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A job this worker holds, from claim until its outcome is settled: its lease as this worker knows it, its handler's
 * deadline and cancellation, and the one-time right to settle it (record an outcome or hand it back), which the
 * job's own thread, the deadline watchdog and shutdown may race for. It stays held (in the consumer's running jobs,
 * its lease renewed) while either its handler runs or the watchdog records its outcome, whichever ends last.
 */
final class RunningJob implements Cancellation {

    private final ClaimedJob job;
    private final long visibilityNanos;
    private final Duration timeout;
    private final long deadlineNanos;
    private volatile long leaseUntilNanos;
    private final AtomicReference<CancelReason> cancelled = new AtomicReference<>();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final List<Future<?>> timers = new ArrayList<>(1);
    private boolean timersCancelled;
    /** Its handler's thread, and the watchdog when it records an outcome for a handler still running. */
    private final AtomicInteger holders = new AtomicInteger(1);
    private volatile long inFlightUntilNanos;
    private Thread handler;
    private boolean returned;

    /** @param leaseFromNanos when the call that handed the job over was sent: the lease cannot be older */
    RunningJob(ClaimedJob job, long leaseFromNanos, Duration visibility, Duration timeout) {
        this.job = job;
        this.visibilityNanos = visibility.toNanos();
        this.leaseUntilNanos = leaseFromNanos + visibilityNanos;
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    ClaimedJob job() {
        return job;
    }

    String entryId() {
        return job.entryId();
    }

    long leaseUntilNanos() {
        return leaseUntilNanos;
    }

    /** @param sentAtNanos when the renewing call was sent */
    void leaseRenewed(long sentAtNanos) {
        leaseUntilNanos = Math.max(leaseUntilNanos, sentAtNanos + visibilityNanos);
    }

    /** Its handler's timeout: the deadline is that long after the job started here. */
    Duration timeout() {
        return timeout;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * The handler runs on the calling thread from now on; a cancellation interrupts it.
     *
     * @return false when the job was settled already (shutdown handed it back before it started): do not run it
     */
    synchronized boolean handlerStarts() {
        if (settled.get()) {
            return false;
        }
        handler = Thread.currentThread();
        if (cancelled.get() != null) {
            handler.interrupt();
        }
        return true;
    }

    /** The handler returned: from now on a cancellation must not interrupt the thread recording its outcome. */
    synchronized void handlerEnds() {
        handler = null;
        returned = true;
        Thread.interrupted();
    }

    synchronized boolean handlerRunning() {
        return handler != null;
    }

    /** Started or not, the handler has not returned yet. */
    synchronized boolean handlerPending() {
        return !returned;
    }

    /** The watchdog records this job's outcome and holds it meanwhile. */
    void holdForOutcome() {
        holders.incrementAndGet();
    }

    /** @return true for the last holder to let go: the job may leave the running jobs then */
    boolean letGo() {
        return holders.decrementAndGet() == 0;
    }

    /** When in-flight work declared by the handler may end at the latest; 0 when none is declared. */
    long inFlightUntilNanos() {
        return inFlightUntilNanos;
    }

    /** @return false when it was cancelled already (the first reason stands) */
    boolean cancel(CancelReason reason) {
        if (!cancelled.compareAndSet(null, reason)) {
            return false;
        }
        synchronized (this) {
            if (handler != null) {
                handler.interrupt();
            }
        }
        return true;
    }

    CancelReason cancelReason() {
        return cancelled.get();
    }

    /** @return true for the one caller that may now record the job's outcome or hand it back */
    synchronized boolean settle() {
        return settled.compareAndSet(false, true);
    }

    boolean settled() {
        return settled.get();
    }

    /**
     * A timer added once the job ended (its deadline passed as it ended) is cancelled at once: it would judge nothing,
     * and would hold the job until it is due.
     */
    synchronized void addTimer(Future<?> timer) {
        if (timersCancelled) {
            timer.cancel(false);
        } else {
            timers.add(timer);
        }
    }

    synchronized void cancelTimers() {
        timersCancelled = true;
        timers.forEach(t -> t.cancel(false));
    }

    @Override
    public boolean cancelled() {
        return cancelled.get() != null || System.nanoTime() - deadlineNanos >= 0;
    }

    @Override
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    @Override
    public void holdInFlight(Duration atMost) {
        if (cancelled.get() == null) {
            inFlightUntilNanos = System.nanoTime() + atMost.toNanos();
        }
    }

    @Override
    public void releaseInFlight() {
        inFlightUntilNanos = 0;
    }
}
