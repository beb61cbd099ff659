package io.streamq.core.store.dlq;

/** One of the most replayed entries. */
public record ReplayedJob(String id, String originalQueue, String originalJobName, long replayCount) {
}
