package io.streamq.core.loop;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The metrics of one loop: {@code streamq_loop_runs_total{loop, outcome}} counts its turns ({@code ok},
 * {@code failed}), {@code streamq_loop_done_total{loop}} sums what they reported done, and
 * {@code streamq_loop_last_success_seconds{loop}} is when a turn last succeeded (epoch seconds).
 */
final class LoopRuns {

    static final String RUNS = "streamq.loop.runs";
    static final String DONE = "streamq.loop.done";
    static final String LAST_SUCCESS = "streamq.loop.last.success";

    /**
     * One per loop name in the process: a gauge holds the first object it was registered with, and loops of one name
     * come and go (each worker engine start has its own).
     */
    private static final Map<String, AtomicLong> LAST_SUCCESS_MS = new ConcurrentHashMap<>();

    private final MeterRegistry registry;
    private final String loop;
    private final Counter ok;
    private final Counter failed;
    private final AtomicLong lastSuccessMs;

    LoopRuns(String loop, MeterRegistry registry) {
        this.registry = registry;
        this.loop = loop;
        this.ok = counter(registry, loop, "ok");
        this.failed = counter(registry, loop, "failed");
        this.lastSuccessMs = LAST_SUCCESS_MS.computeIfAbsent(loop, l -> new AtomicLong());
        Gauge.builder(LAST_SUCCESS, lastSuccessMs, ms -> ms.get() / 1000.0).tag("loop", loop).baseUnit("seconds")
                .strongReference(true).description("When a turn of the background loop last succeeded")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String loop, String outcome) {
        return Counter.builder(RUNS).tag("loop", loop).tag("outcome", outcome)
                .description("Turns of a background loop by outcome").register(registry);
    }

    void succeeded(LoopTurn turn) {
        ok.increment();
        if (turn.done() > 0) {
            // Registered at the first work: loops that report none (the worker engine's) show no misleading zero.
            Counter.builder(DONE).tag("loop", loop).description("Work reported done by the turns of a background loop")
                    .register(registry).increment(turn.done());
        }
        lastSuccessMs.set(System.currentTimeMillis());
    }

    void failed() {
        failed.increment();
    }
}
