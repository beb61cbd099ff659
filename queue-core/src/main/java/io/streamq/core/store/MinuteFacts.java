package io.streamq.core.store;

/** The raw facts of one minute of a queue (see {@code includes/minute-counters.lua}). */
public record MinuteFacts(long enqueued, long completed, long failed, long failedAttempts, long processingMs) {
}
