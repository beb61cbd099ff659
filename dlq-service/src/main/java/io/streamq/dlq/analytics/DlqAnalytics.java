package io.streamq.dlq.analytics;

import io.streamq.core.keys.DlqKeys;
import io.streamq.dlq.config.DlqConfig;
import io.streamq.dlq.query.DlqReader;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.streamq.dlq.analytics.RedisClock.HOUR_MS;

/**
 * Analytics and trends from the counters the DLQ scripts keep on every insert, replay, delete, clear and retention
 * drop: a fixed number of O(1)/O(log n) reads in three pipelined round trips, whatever the DLQ's size.
 * Blocking: call it off the event loop.
 */
@ApplicationScoped
public class DlqAnalytics {

    static final int TOP = 10;
    static final int MAX_LISTED = 100;
    static final int REASONS = 50;
    static final int ANALYTICS_HOURS = 24;

    private final DlqReader reader;
    private final RedisClock clock;
    private final DlqConfig config;

    public DlqAnalytics(DlqReader reader, RedisClock clock, DlqConfig config) {
        this.reader = reader;
        this.clock = clock;
        this.config = config;
    }

    public DlqAnalyticsView analytics() {
        long now = clock.nowMs();
        int high = Math.max(2, config.highReplayCount());
        List<Request> batch = new ArrayList<>();
        batch.add(Request.cmd(Command.ZCARD).arg(DlqKeys.all()));
        batch.add(top(DlqKeys.countByQueue(), MAX_LISTED));
        batch.add(top(DlqKeys.countByJobName(), MAX_LISTED));
        batch.add(top(DlqKeys.countByErrorCode(), MAX_LISTED));
        batch.add(top(DlqKeys.countByReason(), REASONS));
        batch.add(Request.cmd(Command.HMGET).arg(DlqKeys.stats()).arg("sumFirstFailedSec").arg("retentionDropped")
                .arg("duplicates"));
        batch.add(zcount(DlqKeys.replays(), "0", "0"));
        batch.add(zcount(DlqKeys.replays(), "1", "1"));
        batch.add(zcount(DlqKeys.replays(), "2", Integer.toString(high - 1)));
        batch.add(zcount(DlqKeys.replays(), Integer.toString(high), "+inf"));
        batch.add(Request.cmd(Command.ZREVRANGEBYSCORE).arg(DlqKeys.replays()).arg("+inf").arg("1").arg("WITHSCORES")
                .arg("LIMIT").arg(0).arg(TOP));
        long nowHour = now / HOUR_MS;
        for (long h = nowHour - ANALYTICS_HOURS + 1; h <= nowHour; h++) {
            batch.add(Request.cmd(Command.HGET).arg(DlqKeys.hour(h)).arg("total"));
        }
        List<Response> r = reader.batch(batch);

        long total = r.get(0).toLong();
        List<Count> byQueue = counts(r.get(1));
        List<Count> byJobName = counts(r.get(2));
        List<Count> byErrorCode = counts(r.get(3));
        List<Count> reasons = counts(r.get(4));
        Response stats = r.get(5);
        ReplayStatus status = new ReplayStatus(r.get(6).toLong(), r.get(7).toLong(), r.get(8).toLong(),
                r.get(9).toLong());
        List<DlqReader.Scored> replayed = DlqReader.scored(r.get(10));
        List<HourCount> byHour = new ArrayList<>(ANALYTICS_HOURS);
        for (int i = 0; i < ANALYTICS_HOURS; i++) {
            byHour.add(new HourCount(Instant.ofEpochMilli((nowHour - ANALYTICS_HOURS + 1 + i) * HOUR_MS),
                    Math.max(0, number(r.get(11 + i)))));
        }

        List<Request> details = new ArrayList<>();
        if (!reasons.isEmpty()) {
            Request examples = Request.cmd(Command.HMGET).arg(DlqKeys.reasonExamples());
            reasons.forEach(c -> examples.arg(c.value()));
            details.add(examples);
        }
        for (DlqReader.Scored s : replayed) {
            details.add(Request.cmd(Command.HMGET).arg(DlqKeys.entry(s.id())).arg("originalQueue")
                    .arg("originalJobName"));
        }
        List<Response> d = reader.batch(details);
        List<ErrorReason> byReason = new ArrayList<>(reasons.size());
        for (int i = 0; i < reasons.size(); i++) {
            Response example = d.get(0).get(i);
            byReason.add(new ErrorReason(reasons.get(i).value(), reasons.get(i).count(),
                    example == null ? null : example.toString()));
        }
        List<ReplayedJob> topReplayed = new ArrayList<>(replayed.size());
        int offset = reasons.isEmpty() ? 0 : 1;
        for (int i = 0; i < replayed.size(); i++) {
            Response e = d.get(offset + i);
            topReplayed.add(new ReplayedJob(replayed.get(i).id(), text(e.get(0)), text(e.get(1)),
                    (long) replayed.get(i).score()));
        }

        long averageAge = total > 0 ? Math.max(0, now - averageMs(number(stats.get(0)), total)) : 0;
        return new DlqAnalyticsView(total, byQueue, byJobName, byReason, byErrorCode, byHour, status, status.never(),
                total - status.never(), status.high(), byJobName.stream().limit(TOP).toList(), topReplayed,
                averageAge, number(stats.get(1)), number(stats.get(2)), now);
    }

    /** Entries per hour of their last failure over the last {@code hours} hours (1..48), optionally of one queue. */
    public DlqTrendsView trends(int hours, String queueName) {
        long now = clock.nowMs();
        long nowHour = now / HOUR_MS;
        String field = queueName == null ? "total" : "q:" + queueName;
        List<Request> batch = new ArrayList<>(hours);
        for (long h = nowHour - hours + 1; h <= nowHour; h++) {
            batch.add(Request.cmd(Command.HGET).arg(DlqKeys.hour(h)).arg(field));
        }
        List<Response> r = reader.batch(batch);
        List<HourCount> trends = new ArrayList<>(hours);
        long total = 0;
        HourCount peak = null;
        for (int i = 0; i < hours; i++) {
            HourCount c = new HourCount(Instant.ofEpochMilli((nowHour - hours + 1 + i) * HOUR_MS),
                    Math.max(0, number(r.get(i))));
            trends.add(c);
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

    private static Request top(String key, int n) {
        return Request.cmd(Command.ZREVRANGE).arg(key).arg(0).arg(n - 1).arg("WITHSCORES");
    }

    private static Request zcount(String key, String min, String max) {
        return Request.cmd(Command.ZCOUNT).arg(key).arg(min).arg(max);
    }

    private static List<Count> counts(Response r) {
        return DlqReader.scored(r).stream().map(s -> new Count(s.id(), (long) s.score())).toList();
    }

    private static long number(Response r) {
        return r == null ? 0 : Long.parseLong(r.toString());
    }

    private static String text(Response r) {
        return r == null ? null : r.toString();
    }
}
