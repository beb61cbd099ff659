package io.streamq.monitor.health;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * One firing rule: what is wrong, a concrete recommendation, and how many points it cost. {@code issue} and
 * {@code recommendation} are English sentences; {@code facts} holds every name and number in them by name, so a
 * client can say the same in its own language (the console does in Persian).
 */
public record HealthIssue(String rule, String issue, String recommendation, int penalty,
                          @Schema(description = "The names and numbers of the two texts, by name (per rule: docs/health.md)")
                          Map<String, Object> facts) {
}
