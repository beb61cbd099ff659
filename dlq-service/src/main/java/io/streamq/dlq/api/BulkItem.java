package io.streamq.dlq.api;

/** The outcome for one id of a bulk action; {@code reason} says why it failed (or what was done). */
public record BulkItem(String id, boolean success, String reason) {
}
