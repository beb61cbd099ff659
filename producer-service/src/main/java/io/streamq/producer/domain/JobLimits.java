package io.streamq.producer.domain;

import java.util.regex.Pattern;

/** The bounds of a job request, part of the public API (see docs/api-producer.md). */
public final class JobLimits {

    /** 30 days: longer delays are schedules, which belong to a scheduler, not to a queue. */
    public static final long MAX_DELAY_MS = 30L * 24 * 60 * 60 * 1000;

    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    /** Keys end up inside Redis key names; a narrow alphabet keeps them printable and unambiguous. */
    public static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]+");

    /** An idempotency key's own window: 1 s to 7 days (without one, the configured default applies). */
    public static final long MIN_IDEMPOTENCY_WINDOW_MS = 1000;
    public static final long MAX_IDEMPOTENCY_WINDOW_MS = 7L * 24 * 60 * 60 * 1000;

    public static final int MAX_BULK_JOBS = 1000;

    private JobLimits() {
    }
}
