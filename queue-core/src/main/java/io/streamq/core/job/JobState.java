package io.streamq.core.job;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A job's state. A dead job lives in the DLQ; paused is a flag of the queue, not a state. {@code CANCELLED} is final
 * like completed and failed: a job stopped by a producer or an owner, neither retried nor dead-lettered.
 */
public enum JobState {
    WAITING, ACTIVE, DELAYED, COMPLETED, FAILED, CANCELLED;

    /** Completed, failed and cancelled: the job will not run again unless an owner or a replay sends it back. */
    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<JobState> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
