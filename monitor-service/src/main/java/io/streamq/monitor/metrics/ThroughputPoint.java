package io.streamq.monitor.metrics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One minute of a queue's throughput series. */
public record ThroughputPoint(
        @Schema(description = "Start of the minute (Redis clock, epoch ms)")
        long minute,
        @Schema(description = "Jobs completed in this minute")
        long completed,
        @Schema(description = "Jobs failed for good (to the DLQ) in this minute")
        long failed,
        @Schema(description = "Failed attempts in this minute, retried ones included")
        long failedAttempts) {
}
