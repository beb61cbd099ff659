package io.streamq.dlq.analytics;

/** A value and how many DLQ entries have it. */
public record Count(String value, long count) {
}
