package io.streamq.core.store.dlq;

/** An error reason: the message with its variable parts masked, how many entries have it, and one real example. */
public record ErrorReason(String reason, long count, String example) {
}
