package io.streamq.core.job;

/**
 * A worker's numbers for one queue it serves: its slots there ({@code concurrency}), the jobs of that queue it runs
 * now ({@code active}), and since it started, the jobs whose outcome it recorded ({@code processed}, of which
 * {@code failed}) and their average processing time.
 */
public record WorkerQueueStats(int concurrency, int active, long processed, long failed, double avgProcessingMs) {

    public static final WorkerQueueStats NONE = new WorkerQueueStats(0, 0, 0, 0, 0);
}
