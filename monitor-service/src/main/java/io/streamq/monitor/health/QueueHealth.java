package io.streamq.monitor.health;

import java.util.List;

/** The health of one queue at {@code at} (Redis clock, ms): 100 minus the penalties of the firing rules. */
public record QueueHealth(String queue, long at, int score, HealthStatus status, List<HealthIssue> issues) {

    public boolean critical() {
        return status == HealthStatus.CRITICAL;
    }
}
