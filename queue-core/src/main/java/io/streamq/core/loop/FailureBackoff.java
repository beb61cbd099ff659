package io.streamq.core.loop;

import java.time.Duration;

/** How long a loop pauses after failed turns in a row: {@code first}, doubling each time, at most {@code max}. */
public record FailureBackoff(Duration first, Duration max) {

    /** The engine's: Redis back after a restart is used again within a second. */
    public static final FailureBackoff DEFAULT = new FailureBackoff(Duration.ofMillis(250), Duration.ofSeconds(1));

    public FailureBackoff {
        if (!first.isPositive() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff must start above zero and end at or above its start: "
                    + first + ", " + max);
        }
    }

    /** For a loop that runs every {@code interval}: retries sooner, but never more often than the default. */
    public static FailureBackoff upTo(Duration interval) {
        Duration max = interval.compareTo(DEFAULT.max) > 0 ? interval : DEFAULT.max;
        return new FailureBackoff(DEFAULT.first, max);
    }

    /** @param failures failed turns in a row, from 1 */
    public Duration after(int failures) {
        int doublings = Math.min(failures - 1, 30);
        long nanos = first.toNanos() << doublings;
        return nanos <= 0 || nanos >= max.toNanos() ? max : Duration.ofNanos(nanos);
    }
}
