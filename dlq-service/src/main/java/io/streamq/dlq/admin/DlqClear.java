package io.streamq.dlq.admin;

import io.streamq.core.keys.DlqKeys;
import io.streamq.dlq.query.DlqReader;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a clear with the spec's filters (originalQueue, minReplayCount) selects. Each filter combination is exactly
 * one index, so counting is a ZCOUNT and deleting is batches of {@code dlq-clear-batch} that never skip an entry
 * ({@link ClearTasks} runs them).
 */
@ApplicationScoped
public class DlqClear {

    private final DlqReader reader;

    public DlqClear(DlqReader reader) {
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
}
