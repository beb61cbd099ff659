package io.streamq.core.store;

import java.time.Duration;

/**
 * How long the tombstones of deleted entries, and the pending successes of jobs with no entry yet, are kept
 * (docs/dlq.md): none older than {@code maxAge}; beyond {@code maxCount} (of each) the oldest go, but never one
 * younger than {@code minAge}, the window in which a record left pending by a dead forwarder can still be forwarded
 * again.
 */
public record DlqTombstoneBounds(Duration maxAge, Duration minAge, long maxCount) {
}
