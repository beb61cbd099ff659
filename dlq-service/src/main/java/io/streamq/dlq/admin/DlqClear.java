package io.streamq.dlq.admin;

import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqStore;
import io.streamq.dlq.query.DlqReader;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Clear with the spec's filters (originalQueue, minReplayCount). Each filter combination is exactly one index, so
 * counting is a ZCOUNT and deleting is batches of {@code dlq-clear-batch} that never skip an entry.
 * Blocking: call it off the event loop.
 */
@ApplicationScoped
public class DlqClear {

    static final int BATCH = 500;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DlqStore store;
    private final DlqReader reader;

    public DlqClear(DlqStore store, DlqReader reader) {
        this.store = store;
        this.reader = reader;
    }

    /** The index holding exactly the entries the filters select, and the lowest score to take. */
    record Selection(String index, String minScore) {
    }

    static Selection select(String originalQueue, Integer minReplayCount) {
        if (minReplayCount != null && minReplayCount > 0) {
            return new Selection(originalQueue != null ? DlqKeys.replays(originalQueue) : DlqKeys.replays(),
                    Integer.toString(minReplayCount));
        }
        return new Selection(originalQueue != null ? DlqKeys.byQueue(originalQueue) : DlqKeys.all(), "-inf");
    }

    public long count(String originalQueue, Integer minReplayCount) {
        Selection s = select(originalQueue, minReplayCount);
        return reader.count(s.index(), s.minScore(), "+inf");
    }

    /**
     * Deletes the selected entries in batches. Stops once it removed as many as were selected when it began, so
     * entries arriving during a long clear cannot keep it running forever.
     */
    public long clear(String originalQueue, Integer minReplayCount, String actor) {
        Selection s = select(originalQueue, minReplayCount);
        long target = reader.count(s.index(), s.minScore(), "+inf");
        long removed = 0;
        while (removed < target) {
            int batch = (int) Math.min(BATCH, target - removed);
            int n = store.clearBatch(s.index(), s.minScore(), batch, actor).await().atMost(WAIT);
            removed += n;
            if (n < batch) {
                break;
            }
        }
        return removed;
    }
}
