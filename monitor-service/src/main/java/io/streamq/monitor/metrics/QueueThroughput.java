package io.streamq.monitor.metrics;

import io.streamq.core.store.MinuteFacts;
import io.streamq.core.store.QueueSnapshot;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /owner/queues/{q}/throughput}: one point per minute of the last {@code minutes}, oldest first, zeros
 * included; the last point is the current minute so far.
 */
public record QueueThroughput(
        String queue,
        @Schema(description = "When the counters were read (Redis clock, epoch ms)")
        long asOf,
        int minutes,
        List<ThroughputPoint> points) {

    public static final int MAX_MINUTES = 1440;

    /** From a snapshot of {@code minutes} minutes of facts (the current minute first). */
    public static QueueThroughput of(QueueSnapshot s) {
        List<MinuteFacts> facts = s.minutes();
        long currentMinute = s.now() / 60_000 * 60_000;
        List<ThroughputPoint> points = new ArrayList<>(facts.size());
        for (int i = facts.size() - 1; i >= 0; i--) {
            MinuteFacts m = facts.get(i);
            points.add(new ThroughputPoint(currentMinute - i * 60_000L, m.completed(), m.failed(), m.failedAttempts()));
        }
        return new QueueThroughput(s.queue().wireName(), s.now(), facts.size(), points);
    }
}
