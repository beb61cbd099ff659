package io.streamq.monitor.metrics;

/**
 * Rates over the last {@code minutes} minutes of per-minute facts (the current, partial minute included).
 *
 * @param throughputPerMinute     jobs finished (completed or failed for good) per minute
 * @param enqueuedPerMinute       jobs enqueued per minute
 * @param backlogGrowthPerMinute  enqueued minus finished, per minute (negative: the backlog drains)
 * @param failedPerMinute         jobs failed for good per minute
 * @param successRate             completed / (completed + failed for good); null without finished jobs
 * @param errorRate               failed attempts / all attempts (a retried attempt counts); null without attempts
 */
public record WindowRates(int minutes, long enqueued, long completed, long failed, long failedAttempts,
                          double throughputPerMinute, double enqueuedPerMinute, double backlogGrowthPerMinute,
                          double failedPerMinute, Double successRate, Double errorRate) {

    public long attempts() {
        return completed + failedAttempts;
    }
}
