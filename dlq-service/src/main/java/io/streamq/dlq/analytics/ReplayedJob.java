package io.streamq.dlq.analytics;

/** One of the most replayed entries. */
public record ReplayedJob(String id, String originalQueue, String originalJobName, long replayCount) {
}
