package io.streamq.core.store.dlq;

import java.time.Instant;

/** Entries whose last failure falls in the hour starting at {@code hour}. */
public record HourCount(Instant hour, long count) {
}
