package io.streamq.core.job;

import java.util.List;

/** What a worker instance says of itself every few seconds; gone when it stops saying it. */
public record WorkerHeartbeat(String workerId, String host, List<String> queues, int concurrency, int active,
                              long processed, long failed, double avgProcessingMs, long startedAt, long sentAt) {
}
