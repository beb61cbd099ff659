package io.streamq.monitor.admin;

import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.PurgeBatch;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.QueueReader;
import io.streamq.monitor.api.PurgeResult;
import io.streamq.monitor.config.MonitorConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Empties a queue in bounded batches (purge-queue-batch.lua): waiting, delayed, completed and failed jobs go; active
 * jobs are left to finish. Not a snapshot: jobs enqueued while it runs may go too. Bounded by a batch ceiling so one
 * request cannot loop forever against a producer that enqueues as fast as it deletes.
 */
@ApplicationScoped
public class QueuePurge {

    static final int MAX_BATCHES = 10_000;

    private final QueueAdmin admin;
    private final QueueReader reader;
    private final MonitorConfig config;

    public QueuePurge(QueueAdmin admin, QueueReader reader, MonitorConfig config) {
        this.admin = admin;
        this.reader = reader;
        this.config = config;
    }

    /** What the first call of the double confirm shows. */
    public Uni<Map<String, Object>> summary(QueueName queue) {
        return reader.snapshot(queue, 1, 0).map(s -> {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("queue", queue.wireName());
            summary.put("jobs", s.waiting() + s.delayed() + s.completed() + s.failed() + s.cancelled());
            summary.put("waiting", s.waiting());
            summary.put("delayed", s.delayed());
            summary.put("completed", s.completed());
            summary.put("failed", s.failed());
            summary.put("cancelled", s.cancelled());
            summary.put("activeLeftToFinish", s.active());
            return summary;
        });
    }

    public Uni<PurgeResult> purge(QueueName queue, String actor) {
        return next(queue, actor, new PurgeResult(queue.wireName(), 0, 0, 0, 0, 0, 0, 0, 0));
    }

    private Uni<PurgeResult> next(QueueName queue, String actor, PurgeResult sum) {
        return admin.purgeBatch(queue, config.purgeBatch(), actor).chain(batch -> {
            PurgeResult total = add(sum, batch);
            if (batch.more() && total.batches() < MAX_BATCHES) {
                return next(queue, actor, total);
            }
            return reader.snapshot(queue, 1, 0).map(s -> new PurgeResult(total.queue(), total.waiting(),
                    total.delayed(), total.completed(), total.failed(), total.cancelled(), total.total(), s.active(),
                    total.batches()));
        });
    }

    private static PurgeResult add(PurgeResult a, PurgeBatch b) {
        return new PurgeResult(a.queue(), a.waiting() + b.waiting(), a.delayed() + b.delayed(),
                a.completed() + b.completed(), a.failed() + b.failed(), a.cancelled() + b.cancelled(),
                a.total() + b.total(), 0, a.batches() + 1);
    }
}
