package io.streamq.worker.engine;

import io.streamq.core.job.ClaimedJob;
import io.streamq.worker.handler.Cancellation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A job this worker holds, from claim until its outcome is settled: its lease as this worker knows it, its handler's
 * deadline and cancellation, and the one-time right to settle it (record an outcome or hand it back), which the
 * job's own thread, the deadline watchdog and shutdown may race for.
 */
final class RunningJob implements Cancellation {

    private final ClaimedJob job;
    private final long visibilityNanos;
    private final long deadlineNanos;
    private volatile long leaseUntilNanos;
    private final AtomicReference<CancelReason> cancelled = new AtomicReference<>();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final List<Future<?>> timers = new ArrayList<>(2);
    private Thread handler;

    /** @param leaseFromNanos when the call that handed the job over was sent: the lease cannot be older */
    RunningJob(ClaimedJob job, long leaseFromNanos, Duration visibility, Duration timeout) {
        this.job = job;
        this.visibilityNanos = visibility.toNanos();
        this.leaseUntilNanos = leaseFromNanos + visibilityNanos;
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

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** The handler runs on the calling thread from now on; a cancellation interrupts it. */
    synchronized void handlerStarts() {
        handler = Thread.currentThread();
        if (cancelled.get() != null) {
            handler.interrupt();
        }
    }

    /** The handler returned: from now on a cancellation must not interrupt the thread recording its outcome. */
    synchronized void handlerEnds() {
        handler = null;
        Thread.interrupted();
    }

    synchronized boolean handlerRunning() {
        return handler != null;
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
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    boolean settled() {
        return settled.get();
    }

    synchronized void addTimer(Future<?> timer) {
        timers.add(timer);
    }

    synchronized void cancelTimers() {
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
}
