package io.streamq.worker.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long the claim loop waits when a queue's start limit holds (the claim script decides, for every worker at
 * once): until the rate frees a start, or, at max active, a poll interval, since only some worker's job ending frees
 * a slot. Counts each such claim in {@code streamq_worker_claims_limited_total{queue, limit}}.
 */
final class LimitWait {
    /**
     * The longest wait: an owner who lifts or raises a limit (up to a day per start may be set) is obeyed within it,
     * at the cost of one claim a second per worker on a slow rate.
     */
    static final Duration LONGEST = Duration.ofSeconds(1);

    private final Duration maxActivePoll;
    private final Map<ClaimResult.Limit, Counter> limited = new EnumMap<>(ClaimResult.Limit.class);

    LimitWait(QueueName queue, Duration maxActivePoll) {
        this.maxActivePoll = maxActivePoll;
        for (ClaimResult.Limit limit : ClaimResult.Limit.values()) {
            // The global registry, as for the engine loops: the engine is not a bean.
            limited.put(limit, Counter.builder("streamq.worker.claims.limited").tag("queue", queue.wireName())
                    .tag("limit", limit.wire()).description("Claims a queue's start limit held back")
                    .register(Metrics.globalRegistry));
        }
    }

    Duration heldBy(ClaimResult.Limited answer) {
        limited.get(answer.by()).increment();
        Duration rate = answer.rateFreesIn();
        Duration wait = answer.by() == ClaimResult.Limit.RATE || rate.compareTo(maxActivePoll) > 0
                ? rate : maxActivePoll;
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
