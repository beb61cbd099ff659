package io.streamq.core.store;

/**
 * A failure reason of a queue: {@code code} and {@code message} as recorded, how many failed attempts and how many
 * distinct jobs had it (a job retried three times with it is three attempts, one job), and when last seen (ms).
 */
public record FailureReason(String code, String message, long attempts, long jobs, long lastSeenAt) {
}
