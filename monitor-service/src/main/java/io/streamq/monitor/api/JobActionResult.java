package io.streamq.monitor.api;

/** Answer of a single retry or remove: the job and the state it left. */
public record JobActionResult(String id, String queue, String action, String previousState) {
}
