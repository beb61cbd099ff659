package io.streamq.monitor.health;

import java.util.List;

/** The health of one queue at {@code asOf} (Redis clock, ms: when its metrics were measured): 100 minus the penalties of the firing rules. */
public record QueueHealth(String queue, long asOf, int score, HealthStatus status, List<HealthIssue> issues) {

    public boolean critical() {
        return status == HealthStatus.CRITICAL;
    }
}
