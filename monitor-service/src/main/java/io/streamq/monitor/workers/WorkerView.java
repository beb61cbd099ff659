package io.streamq.monitor.workers;

import java.util.List;

/**
 * One worker instance as its last heartbeat described it. {@code status} is {@code alive} while its heartbeat has
 * not expired and {@code gone} after; a gone worker keeps its last numbers. Counters are the worker's, over all the
 * queues it consumes (heartbeats are per worker, not per queue).
 */
public record WorkerView(String workerId, String status, String host, List<String> queues, int concurrency,
                         int active, long processed, long succeeded, long failed, double avgProcessingMs,
                         Long startedAt, long lastSeenAt) {

    public boolean alive() {
        return "alive".equals(status);
    }
}
