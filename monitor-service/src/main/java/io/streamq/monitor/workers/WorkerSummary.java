package io.streamq.monitor.workers;

/**
 * The workers of one queue: live ones and gone ones, with the live ones' sums. {@code avgProcessingMs} is the
 * processed-weighted average of the live workers' averages; null without processed jobs.
 */
public record WorkerSummary(int alive, int gone, int concurrency, long jobsInProcess, long totalProcessed,
                            long succeeded, long failed, Double avgProcessingMs) {
}
