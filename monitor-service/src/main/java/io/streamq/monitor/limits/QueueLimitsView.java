package io.streamq.monitor.limits;

import io.streamq.core.limits.QueueLimits;
import io.streamq.core.limits.RateLimit;

/**
 * Answer of {@code GET/PUT /owner/queues/{q}/limits}: the limits in force (null: no limit), where each comes from,
 * and the queue config's defaults an owner's override replaces.
 */
public record QueueLimitsView(String queue, RateLimit rateLimit, Integer maxActive, LimitSources source,
                              QueueLimits defaults) {
}
