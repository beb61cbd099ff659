package io.streamq.core.store.dlq;

/** Entries by replay count: 0, 1, from 2 to below the high mark, at or above it. */
public record ReplayStatus(long never, long once, long multiple, long high) {
}
