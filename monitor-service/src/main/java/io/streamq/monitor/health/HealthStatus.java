package io.streamq.monitor.health;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** healthy (score ≥ streamq.health.healthy-at-least), warning (≥ warning-at-least), critical below. */
public enum HealthStatus {
    HEALTHY, WARNING, CRITICAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
