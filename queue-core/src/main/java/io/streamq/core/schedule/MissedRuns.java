package io.streamq.core.schedule;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a schedule does with due times that passed while nothing fired them (every worker down, or its loop later than
 * the missed threshold): {@code skip} fires none of them, {@code run-once} fires one job for all of them. Either way it
 * then continues at its next future time. See docs/schedules.md.
 */
public enum MissedRuns {
    SKIP("skip"),
    RUN_ONCE("run-once");

    private final String wireName;

    MissedRuns(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<MissedRuns> fromWire(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
