package io.streamq.dlq.admin;

import io.quarkus.runtime.ShutdownEvent;
import io.streamq.core.loop.LoopTurn;
import io.streamq.core.store.DlqRetentionPass;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.DlqTombstoneBounds;
import io.streamq.dlq.config.DlqConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Applies the age bound (and the count bound beyond what inserts drop, or after the limit was lowered) so the DLQ
 * cannot exhaust Redis, and trims the tombstones of deleted entries and the pending successes. Every replica may run
 * it: each call is one bounded script ({@link DlqStore#MAX_BATCH} entries at most), calls are paced ({@link Paced}),
 * and two replicas at once only find less to drop.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    static final int BATCH = DlqStore.MAX_BATCH;

    private final DlqStore store;
    private final DlqConfig config;
    private volatile boolean stopping;

    public RetentionJob(DlqStore store, DlqConfig config) {
        this.store = store;
        this.config = config;
    }

    /** One retention pass, then a pause of {@code retention.interval}. */
    LoopTurn turn() {
        long dropped = applyOnce();
        if (dropped > 0) {
            LOG.infof("DLQ retention dropped %d entries (max %d entries, max age %s)", dropped,
                    config.retention().maxEntries(), config.retention().maxAge());
        }
        return LoopTurn.after(dropped, config.retention().interval());
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Drops everything beyond the bounds, in paced bounded calls; answers how many entries it dropped. */
    public long applyOnce() {
        DlqConfig.Tombstones t = config.tombstones();
        DlqTombstoneBounds tombstones = new DlqTombstoneBounds(t.maxAge(), t.minAge(), t.maxCount());
        long[] entries = {0};
        Paced.run(() -> {
            DlqRetentionPass pass = store.applyRetention(config.retention().maxEntries(),
                    config.retention().maxAge(), BATCH, tombstones).await().atMost(Duration.ofSeconds(30));
            entries[0] += pass.entries();
            return Math.max(pass.entries(), Math.max(pass.tombstones(), pass.pendingSuccesses()));
        }, BATCH, () -> stopping);
        return entries[0];
    }
}
