package io.streamq.core.store.dlq;

/** A value and how many DLQ entries have it. */
public record Count(String value, long count) {
}
