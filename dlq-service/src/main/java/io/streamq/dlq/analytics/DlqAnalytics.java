package io.streamq.dlq.analytics;

import io.streamq.core.store.dlq.DlqCounters;
import io.streamq.core.store.dlq.DlqQueries;
import io.streamq.core.store.dlq.HourCount;
import io.streamq.dlq.config.DlqConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * Analytics and trends from the counters the DLQ scripts keep on every insert, replay, delete, clear and retention
 * drop ({@link DlqQueries#counters}): a fixed number of O(1)/O(log n) reads, whatever the DLQ's size.
 * Blocking: call it off the event loop.
 */
@ApplicationScoped
public class DlqAnalytics {

    static final int TOP = 10;
    static final int MAX_LISTED = 100;
    static final int REASONS = 50;
    static final int ANALYTICS_HOURS = 24;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DlqQueries queries;
    private final DlqConfig config;

    public DlqAnalytics(DlqQueries queries, DlqConfig config) {
        this.queries = queries;
        this.config = config;
    }

    public DlqAnalyticsView analytics() {
        DlqCounters c = queries.counters(MAX_LISTED, REASONS, TOP, ANALYTICS_HOURS,
                Math.max(2, config.highReplayCount())).await().atMost(WAIT);
        long total = c.entries();
        long never = c.byReplayStatus().never();
        long averageAge = total > 0 ? Math.max(0, c.now() - averageMs(c.sumFirstFailedSec(), total)) : 0;
        return new DlqAnalyticsView(total, c.byQueue(), c.byJobName(), c.byReason(), c.byErrorCode(), c.byHour(),
                c.byReplayStatus(), never, total - never, c.byReplayStatus().high(),
                c.byJobName().stream().limit(TOP).toList(), c.mostReplayed(), averageAge, c.retentionDropped(),
                c.duplicates(), c.now());
    }

    /** Entries per hour of their last failure over the last {@code hours} hours (1..48), optionally of one queue. */
    public DlqTrendsView trends(int hours, String queueName) {
        List<HourCount> trends = queries.perHour(queueName, hours).await().atMost(WAIT);
        long total = 0;
        HourCount peak = null;
        for (HourCount c : trends) {
            total += c.count();
            if (c.count() > 0 && (peak == null || c.count() > peak.count())) {
                peak = c;
            }
        }
        double avg = Math.round(total * 100.0 / hours) / 100.0;
        return new DlqTrendsView(hours, queueName, total, trends, avg, peak);
    }

    /**
     * The mean of the entries' firstFailedAt in ms, from their sum in whole seconds: floor(sumSec * 1000 / n)
     * without the product, which would overflow a long beyond about 5 million entries.
     */
    static long averageMs(long sumSec, long n) {
        return sumSec / n * 1000 + sumSec % n * 1000 / n;
    }
}
