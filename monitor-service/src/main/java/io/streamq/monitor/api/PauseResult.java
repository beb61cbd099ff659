package io.streamq.monitor.api;

/** Answer of pause/resume; {@code changed} is false when the queue already was in that state. */
public record PauseResult(String queue, boolean paused, boolean changed) {
}
