package io.streamq.worker.engine;

import io.micrometer.core.instrument.Metrics;
import io.streamq.core.loop.BackgroundLoop;
import io.streamq.core.loop.FailureBackoff;
import io.streamq.core.loop.LoopTurn;

import java.time.Duration;

/**
 * One engine loop: a {@link BackgroundLoop} whose health readiness and the heartbeat read, so they say what the
 * engine really does. Its turns report no count: the work is counted by the job metrics.
 */
final class EngineLoop {

    /** One turn of the loop. */
    interface Step {
        /** @return how long to pause before the next turn */
        Duration run() throws InterruptedException;
    }

    private final BackgroundLoop loop;

    EngineLoop(String name, Step step) {
        // The global registry: Quarkus adds its Prometheus registry to it, and the engine is not a bean.
        this.loop = new BackgroundLoop(name, () -> LoopTurn.after(0, step.run()), FailureBackoff.DEFAULT,
                Metrics.globalRegistry);
    }

    void start() {
        loop.start();
    }

    /** Stops the loop, waking it from any wait; use {@link #finishTurn()} where an interrupt would do harm. */
    void stop() {
        loop.stop();
    }

    /** Stops the loop after its current turn, without interrupting it. */
    void finishTurn() {
        loop.finishTurn();
    }

    /** @return false if the loop still runs at the deadline */
    boolean join(long deadlineNanos) {
        return loop.join(deadlineNanos);
    }

    LoopHealth health(Duration stallAfter) {
        String name = loop.name();
        if (loop.death().isPresent()) {
            return new LoopHealth(name, LoopHealth.State.DEAD, String.valueOf(loop.death().get()));
        }
        if (loop.ended()) {
            return new LoopHealth(name, loop.stopping() ? LoopHealth.State.STOPPED : LoopHealth.State.DEAD,
                    loop.stopping() ? "stopped" : "ended");
        }
        Duration late = loop.late();
        if (late.compareTo(stallAfter) > 0) {
            return new LoopHealth(name, LoopHealth.State.STALLED, "no progress for " + late.toMillis() + " ms");
        }
        return new LoopHealth(name, LoopHealth.State.RUNNING, "ok");
    }
}
