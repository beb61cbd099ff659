package io.streamq.monitor.limits;

import io.streamq.core.limits.LimitsState;
import io.streamq.core.limits.QueueLimits;
import io.streamq.core.limits.RateLimit;

import java.util.ArrayList;
import java.util.List;

/**
 * A queue's start limits in its metrics (docs/metrics.md).
 *
 * @param rateFreeStarts starts the rate bucket allowed at the snapshot's instant; null without a rate limit
 * @param holding        the limits holding jobs back then ({@code rate}, {@code max-active}): jobs were waiting and
 *                       that limit let none start
 */
public record LimitsStatus(RateLimit rateLimit, Integer maxActive, LimitSources source, Long rateFreeStarts,
                           List<String> holding) {

    public static LimitsStatus of(QueueLimits defaults, LimitsState state, long nowMs, long waiting, long active) {
        QueueLimits inForce = state.owner().over(defaults);
        RateLimit rate = inForce.rateLimit();
        Long free = rate == null ? null : rate.freeStarts(state.tatMs(), nowMs);
        List<String> holding = new ArrayList<>();
        if (waiting > 0 && free != null && free == 0) {
            holding.add("rate");
        }
        if (waiting > 0 && inForce.maxActive() != null && active >= inForce.maxActive()) {
            holding.add("max-active");
        }
        return new LimitsStatus(rate, inForce.maxActive(), LimitSources.of(state.owner()), free, List.copyOf(holding));
    }

    public boolean holdingBy(String limit) {
        return holding.contains(limit);
    }
}
