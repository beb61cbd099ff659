package io.streamq.dlq.admin;

import io.quarkus.scheduler.Scheduled;
import io.streamq.core.store.DlqStore;
import io.streamq.dlq.config.DlqConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Applies the age bound (and the count bound, in case the limit was lowered) so the DLQ cannot exhaust Redis. Every
 * replica may run it: each pass is one bounded script, and two passes at once only find less to drop.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    static final int BATCH = 1000;
    static final int MAX_PASSES = 100;

    private final DlqStore store;
    private final DlqConfig config;

    public RetentionJob(DlqStore store, DlqConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${streamq.dlq.retention.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s")
    void run() {
        try {
            long dropped = applyOnce();
            if (dropped > 0) {
                LOG.infof("DLQ retention dropped %d entries (max %d entries, max age %s)", dropped,
                        config.retention().maxEntries(), config.retention().maxAge());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "DLQ retention pass failed; next in %s", config.retention().interval());
        }
    }

    /** Drops everything beyond the bounds, in bounded passes; answers how many entries it dropped. */
    public long applyOnce() {
        long total = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            int n = store.applyRetention(config.retention().maxEntries(), config.retention().maxAge(), BATCH)
                    .await().atMost(Duration.ofSeconds(30));
            total += n;
            if (n < BATCH) {
                break;
            }
        }
        return total;
    }
}
