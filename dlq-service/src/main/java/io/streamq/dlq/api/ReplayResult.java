package io.streamq.dlq.api;

/** Answer of a successful single replay. */
public record ReplayResult(String id, String originalQueue, boolean replayed, int replayCount) {
}
