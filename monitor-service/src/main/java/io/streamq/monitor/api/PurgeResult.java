package io.streamq.monitor.api;

/** What a purge deleted per state; active jobs were left to finish ({@code activeLeft} at the end). */
public record PurgeResult(String queue, long waiting, long delayed, long completed, long failed, long cancelled,
                          long total,
                          long activeLeft, int batches) {
}
