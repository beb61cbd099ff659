package io.streamq.monitor.workers;

/**
 * The workers of one queue: live processes and gone ones serving it, with the sums of the live ones' numbers on this
 * queue (slots, jobs running, processed, failed; not their work on other queues). {@code avgProcessingMs} is the
 * processed-weighted average of their averages on this queue; null without processed jobs.
 */
public record WorkerSummary(int alive, int gone, int concurrency, long jobsInProcess, long totalProcessed,
                            long succeeded, long failed, Double avgProcessingMs) {
}
