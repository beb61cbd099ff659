package io.streamq.core.failure;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** How long a failed attempt waits before the next: fixed, or doubling per attempt up to a cap, with jitter. */
public record Backoff(Kind kind, Duration delay, Duration max, double jitter) {

    public enum Kind { FIXED, EXPONENTIAL }

    public Backoff {
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("backoff jitter must be within 0..1, was " + jitter);
        }
    }

    /** The wait after the given failed attempt (1 for the first). */
    public long delayMs(int failedAttempt, RandomGenerator random) {
        long base = delay.toMillis();
        long raw = switch (kind) {
            case FIXED -> base;
            case EXPONENTIAL -> base << Math.min(Math.max(failedAttempt - 1, 0), 30);
        };
        long capped = Math.min(raw < 0 ? Long.MAX_VALUE : raw, max.toMillis());
        long spread = (long) (capped * jitter);
        return capped - (spread == 0 ? 0 : random.nextLong(spread + 1));
    }
}
