package io.streamq.worker.engine;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One engine loop on its own platform thread: handlers that keep the virtual-thread carriers busy cannot delay it.
 * It notes when it is next expected to make progress (now, or the end of a planned pause) and why it died, so
 * readiness and the heartbeat say what the engine really does.
 */
final class EngineLoop {
    private static final Logger LOG = Logger.getLogger(EngineLoop.class);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    /** One turn of the loop. */
    interface Step {
        /** @return how long to pause before the next turn */
        Duration run() throws InterruptedException;
    }

    private final String name;
    private final Step step;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long progressDueNanos = System.nanoTime();
    private volatile Throwable death;
    private int failures;

    EngineLoop(String name, Step step) {
        this.name = name;
        this.step = step;
        this.thread = Thread.ofPlatform().name("streamq-" + name).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!stopping) {
            progressDueNanos = System.nanoTime();
            Duration pause;
            try {
                pause = step.run();
                if (failures > 0) {
                    LOG.infof("%s works again after %d failed turns", name, failures);
                    failures = 0;
                }
            } catch (InterruptedException e) {
                continue;
            } catch (RuntimeException e) {
                if (stopping) {
                    return; // the interrupt that stops the loop surfaces as a failed call
                }
                Thread.interrupted();
                // One line per outage, not one per second of it.
                if (failures++ == 0) {
                    LOG.warnf("%s: %s (retrying every %s)", name, RedisCalls.why(e), PAUSE_AFTER_FAILURE);
                } else {
                    LOG.debugf("%s: %s", name, RedisCalls.why(e));
                }
                pause = PAUSE_AFTER_FAILURE;
            } catch (Throwable t) {
                death = t;
                LOG.errorf(t, "%s died; readiness reports the engine down", name);
                return;
            }
            if (pause.isPositive() && !stopping) {
                progressDueNanos = System.nanoTime() + pause.toNanos();
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    // stopping, or woken early on purpose
                }
            }
        }
    }

    /** Stops the loop, waking it from any wait; use {@link #finishTurn()} where an interrupt would do harm. */
    void stop() {
        stopping = true;
        thread.interrupt();
    }

    /** Stops the loop after its current turn, without interrupting it. */
    void finishTurn() {
        stopping = true;
    }

    /** @return false if the loop still runs at the deadline */
    boolean join(long deadlineNanos) {
        try {
            return thread.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    LoopHealth health(Duration stallAfter) {
        Throwable dead = death;
        if (dead != null) {
            return new LoopHealth(name, LoopHealth.State.DEAD, String.valueOf(dead));
        }
        if (!thread.isAlive()) {
            return new LoopHealth(name, stopping ? LoopHealth.State.STOPPED : LoopHealth.State.DEAD,
                    stopping ? "stopped" : "ended");
        }
        long lateMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - progressDueNanos);
        if (lateMs > stallAfter.toMillis()) {
            return new LoopHealth(name, LoopHealth.State.STALLED, "no progress for " + lateMs + " ms");
        }
        return new LoopHealth(name, LoopHealth.State.RUNNING, "ok");
    }
}
