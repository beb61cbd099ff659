package io.streamq.core.loop;

import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * A named loop of background work on its own platform thread (work on virtual threads, such as a worker's
 * handlers keeping the carriers busy, cannot delay it). Each turn ({@link RunOnce}) says what it did and when the next
 * is due. A turn that throws an exception is logged (the first of a streak as a warning) and followed by another after
 * a growing {@link FailureBackoff}; an {@link Error} ends the loop, and {@link #death()} says why. Every turn is
 * counted ({@link LoopRuns}).
 */
public final class BackgroundLoop {
    private static final Logger LOG = Logger.getLogger(BackgroundLoop.class);

    private final String name;
    private final RunOnce body;
    private final FailureBackoff backoff;
    private final LoopRuns runs;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long progressDueNanos = System.nanoTime();
    private volatile Throwable death;
    private volatile Duration firstAfter = Duration.ZERO;
    private int failures;

    public BackgroundLoop(String name, RunOnce body, FailureBackoff backoff, MeterRegistry registry) {
        this.name = name;
        this.body = body;
        this.backoff = backoff;
        this.runs = new LoopRuns(name, registry);
        this.thread = Thread.ofPlatform().name("streamq-" + name).daemon().unstarted(this::run);
    }

    public String name() {
        return name;
    }

    public void start() {
        thread.start();
    }

    /** Starts with a pause: work that need not run while the service is still warming up. */
    public void start(Duration firstAfter) {
        this.firstAfter = firstAfter;
        thread.start();
    }

    private void run() {
        pause(firstAfter);
        while (!stopping) {
            progressDueNanos = System.nanoTime();
            Duration next;
            try {
                LoopTurn turn = body.runOnce();
                runs.succeeded(turn);
                if (failures > 0) {
                    LOG.infof("%s works again after %d failed turns", name, failures);
                    failures = 0;
                }
                next = turn.next();
            } catch (InterruptedException e) {
                continue;
            } catch (Exception e) {
                if (stopping) {
                    return; // the interrupt that stops the loop surfaces as a failed call
                }
                Thread.interrupted();
                runs.failed();
                next = backoff.after(++failures);
                // One line per outage, not one per turn of it.
                if (failures == 1) {
                    LOG.warnf("%s: %s (retrying with a backoff up to %s)", name, why(e), backoff.max());
                }
                LOG.debugf(e, "%s: failed turn %d", name, failures);
            } catch (Throwable t) {
                death = t;
                LOG.errorf(t, "%s died", name);
                return;
            }
            pause(next);
        }
    }

    private void pause(Duration pause) {
        if (pause.isPositive() && !stopping) {
            progressDueNanos = System.nanoTime() + pause.toNanos();
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                // stopping
            }
        }
    }

    /** Stops the loop, waking it from any wait; use {@link #finishTurn()} where an interrupt would do harm. */
    public void stop() {
        stopping = true;
        thread.interrupt();
    }

    /** Stops the loop after its current turn, without interrupting it. */
    public void finishTurn() {
        stopping = true;
    }

    /** @return false if the loop still runs at the deadline (a {@link System#nanoTime()}) */
    public boolean join(long deadlineNanos) {
        if (!thread.isAlive()) {
            return true;
        }
        try {
            return thread.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return the Error that ended the loop */
    public Optional<Throwable> death() {
        return Optional.ofNullable(death);
    }

    /** Its thread has ended: stopped, or died. */
    public boolean ended() {
        return !thread.isAlive();
    }

    public boolean stopping() {
        return stopping;
    }

    /**
     * How long ago the loop was due to make progress: a turn under way is due at its start, a planned pause at its
     * end. Long: the loop is stuck in a turn.
     */
    public Duration late() {
        return Duration.ofNanos(Math.max(0, System.nanoTime() - progressDueNanos));
    }

    /** A failure for a log line: a timeout has no message, only its type. */
    private static String why(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
