package io.streamq.dlq.analytics;

import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.dlq.Count;
import io.streamq.core.store.dlq.DlqCounters;
import io.streamq.core.store.dlq.DlqQueries;
import io.streamq.core.store.dlq.HourCount;
import io.streamq.core.store.dlq.ReplayStatus;
import io.streamq.dlq.config.DlqConfig;
import io.streamq.dlq.query.DlqFilter;
import io.streamq.dlq.query.DlqSearch;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * Analytics and trends from the counters the DLQ scripts keep on every insert, replay, delete, clear and retention
 * drop ({@link DlqQueries#counters}): a fixed number of O(1)/O(log n) reads, whatever the DLQ's size. Those counters
 * span the whole DLQ; one queue's analytics ({@link #analytics(String, long)}) read its indexes and a bounded walk.
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
    private final DlqSearch search;
    private final DlqConfig config;

    public DlqAnalytics(DlqQueries queries, DlqSearch search, DlqConfig config) {
        this.queries = queries;
        this.search = search;
        this.config = config;
    }

    /** The whole DLQ's analytics, or one original queue's when {@code queueName} is not null. */
    public DlqAnalyticsView analytics(String queueName) {
        return queueName == null ? analytics() : analytics(queueName, config.searchScanLimit());
    }

    private DlqAnalyticsView analytics() {
        DlqCounters c = queries.counters(MAX_LISTED, REASONS, TOP, ANALYTICS_HOURS,
                Math.max(2, config.highReplayCount())).await().atMost(WAIT);
        long total = c.entries();
        long never = c.byReplayStatus().never();
        long averageAge = total > 0 ? Math.max(0, c.now() - averageMs(c.sumFirstFailedSec(), total)) : 0;
        return new DlqAnalyticsView(total, c.byQueue(), c.byJobName(), c.byReason(), c.byErrorCode(), c.byHour(),
                c.byReplayStatus(), never, total - never, c.byReplayStatus().high(),
                c.byJobName().stream().limit(TOP).toList(), c.mostReplayed(), averageAge, c.retentionDropped(),
                c.duplicates(), c.now(), null, total, false);
    }

    /**
     * One queue's analytics. Totals, replay status and hours are exact (the queue's indexes and hour counters); the
     * breakdowns by job name, error code and reason, the most replayed and the average age come from walking the
     * queue's entries newest first, at most {@code scanLimit} of them: {@code sampled} says when the walk stopped
     * before the end, and {@code scanned} how many entries the breakdowns cover.
     */
    public DlqAnalyticsView analytics(String queue, long scanLimit) {
        long now = queries.now().await().atMost(WAIT);
        int high = Math.max(2, config.highReplayCount());
        String replays = DlqKeys.replays(queue);
        long total = count(DlqKeys.byQueue(queue), "-inf", "+inf");
        ReplayStatus status = new ReplayStatus(count(replays, "0", "0"), count(replays, "1", "1"),
                count(replays, "2", Integer.toString(high - 1)), count(replays, Integer.toString(high), "+inf"));
        DlqFilter filter = new DlqFilter(null, queue, null, null, null, null, null);
        QueueTally tally = new QueueTally();
        long scanned = search.walk(search.plan(filter), filter, scanLimit, false, tally::add);
        List<HourCount> byHour = queries.perHour(queue, ANALYTICS_HOURS).await().atMost(WAIT);
        long averageAge = tally.entries() > 0
                ? Math.max(0, now - averageMs(tally.sumFirstFailedSec(), tally.entries())) : 0;
        List<Count> byJobName = tally.byJobName(MAX_LISTED);
        return new DlqAnalyticsView(total, List.of(new Count(queue, total)), byJobName, tally.byReason(REASONS),
                tally.byErrorCode(MAX_LISTED), byHour, status, status.never(), total - status.never(), status.high(),
                byJobName.stream().limit(TOP).toList(), tally.mostReplayed(TOP), averageAge, 0, 0, now, queue,
                tally.entries(), scanned < total);
    }

    private long count(String index, String min, String max) {
        return queries.count(index, min, max).await().atMost(WAIT);
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
