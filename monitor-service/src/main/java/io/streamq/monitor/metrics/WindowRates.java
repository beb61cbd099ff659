package io.streamq.monitor.metrics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Rates over the last {@code minutes} minutes of per-minute facts (the current, partial minute included), and the
 * last full minute on its own: an average over five minutes smooths a burst into minutes it did not happen in.
 */
public record WindowRates(
        @Schema(description = "Length of the window of the averages and sums below, minutes; the current, partial "
                + "minute is one of them")
        int minutes,
        @Schema(description = "Jobs enqueued in the window")
        long enqueued,
        @Schema(description = "Jobs completed in the window")
        long completed,
        @Schema(description = "Jobs failed for good (to the DLQ) in the window")
        long failed,
        @Schema(description = "Failed attempts in the window, retried ones included")
        long failedAttempts,
        @Schema(description = "Jobs finished (completed or failed for good) per minute: the average over the window")
        double throughputPerMinute,
        @Schema(description = "Jobs finished (completed or failed for good) in the last full minute, the one before "
                + "the current")
        long perMinuteLastMinute,
        @Schema(description = "Jobs enqueued per minute: the average over the window")
        double enqueuedPerMinute,
        @Schema(description = "Enqueued minus finished, per minute, averaged over the window (negative: the backlog "
                + "drains)")
        double backlogGrowthPerMinute,
        @Schema(description = "Jobs failed for good per minute: the average over the window")
        double failedPerMinute,
        @Schema(description = "completed / (completed + failed for good) in the window, 0-1; null without finished "
                + "jobs")
        Double successRate,
        @Schema(description = "Failed attempts / all attempts in the window (a retried attempt counts), 0-1; null "
                + "without attempts")
        Double errorRate) {

    public long attempts() {
        return completed + failedAttempts;
    }
}
