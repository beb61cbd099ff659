package io.streamq.core.job;

import java.util.List;
import java.util.Map;

/**
 * What a worker instance says of itself every few seconds; gone when it stops saying it (docs/architecture.md,
 * worker registry). The flat counters are the worker's totals over all its queues; {@code byQueue} has the same per
 * served queue (wire name), so a queue's worker numbers are that queue's only. A heartbeat of an older worker lacks
 * {@code version} and {@code byQueue} (read as null).
 */
public record WorkerHeartbeat(String workerId, String host, List<String> queues, int concurrency, int active,
                              long processed, long failed, double avgProcessingMs, long startedAt, long sentAt,
                              String version, Map<String, WorkerQueueStats> byQueue) {
}
