package io.streamq.monitor.workers;

import java.util.List;

/**
 * One worker process as seen from one queue it serves ({@code GET /owner/queues/{q}/workers}). {@code status} is
 * {@code alive} while its heartbeat has not expired and {@code gone} after; a gone worker keeps its last numbers.
 * {@code concurrency}, {@code active} (busy slots), {@code processed}, {@code failed} and {@code avgProcessingMs} are
 * the worker's on this queue only; {@code perQueue} is false for an older worker whose heartbeat carries only its
 * totals, which then stand here. {@code queues} names every queue the process serves; {@code lastSeenAt} is the time
 * of its last heartbeat.
 */
public record WorkerView(String workerId, String status, String host, String version, List<String> queues,
                         int concurrency, int active, long processed, long succeeded, long failed,
                         double avgProcessingMs, boolean perQueue, Long startedAt, long lastSeenAt) {

    public boolean alive() {
        return "alive".equals(status);
    }
}
