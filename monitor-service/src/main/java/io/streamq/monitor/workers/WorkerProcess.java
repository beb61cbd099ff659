package io.streamq.monitor.workers;

import io.streamq.core.job.WorkerQueueStats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One worker process as its last heartbeat described it. {@code status} is {@code alive} while its heartbeat has not
 * expired and {@code gone} after; a gone worker keeps its last numbers. The flat counters are the process's totals
 * over all its queues; {@code byQueue} has each queue's own (null from a worker too old to send them).
 * {@code lastSeenAt} is the time of its last heartbeat (Redis clock, ms).
 */
public record WorkerProcess(String workerId, String status, String host, String version, List<String> queues,
                            int concurrency, int active, long processed, long failed, double avgProcessingMs,
                            Map<String, WorkerQueueStats> byQueue, Long startedAt, long lastSeenAt) {

    public boolean alive() {
        return "alive".equals(status);
    }

    public boolean perQueue() {
        return byQueue != null;
    }

    /**
     * Its numbers on {@code queue}: the queue's own; from an older worker without them, its totals (exact only when
     * it serves that one queue); none for a queue it does not name.
     */
    public WorkerQueueStats on(String queue) {
        if (byQueue != null) {
            return byQueue.getOrDefault(queue, WorkerQueueStats.NONE);
        }
        return new WorkerQueueStats(concurrency, active, processed, failed, avgProcessingMs);
    }

    /** The same process once its heartbeat expired: nothing runs any more, the rest is its last word. */
    WorkerProcess gone(long lastSeenAt) {
        Map<String, WorkerQueueStats> idle = null;
        if (byQueue != null) {
            idle = new LinkedHashMap<>();
            for (Map.Entry<String, WorkerQueueStats> e : byQueue.entrySet()) {
                idle.put(e.getKey(), idle(e.getValue()));
            }
        }
        return new WorkerProcess(workerId, "gone", host, version, queues, concurrency, 0, processed, failed,
                avgProcessingMs, idle, startedAt, lastSeenAt);
    }

    private static WorkerQueueStats idle(WorkerQueueStats s) {
        return new WorkerQueueStats(s.concurrency(), 0, s.processed(), s.failed(), s.avgProcessingMs());
    }
}
