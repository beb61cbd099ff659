package io.streamq.monitor.health;

/** One firing rule: what is wrong, a concrete recommendation, and how many points it cost. */
public record HealthIssue(String rule, String issue, String recommendation, int penalty) {
}
