package io.streamq.core.store;

/** A failure reason of a queue: {@code code} and {@code message} as recorded, how often, and when last seen (ms). */
public record FailureReason(String code, String message, long count, long lastSeenAt) {
}
