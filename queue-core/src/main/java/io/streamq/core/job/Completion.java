package io.streamq.core.job;

/** A finished attempt to record: its duration in the handler and its result JSON (may be empty). */
public record Completion(ClaimedJob job, long durationMs, String resultJson) {
}
