package io.streamq.dlq.admin;

import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.dlq.DlqQueries;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * What a clear (docs/dlq.md#clear) with filters originalQueue, minReplayCount selects. Each filter combination is
 * exactly one index, so counting is a ZCOUNT and deleting is a walk of that index with {@code dlq-clear-batch} that
 * never skips an entry ({@link ClearTasks} runs it).
 */
@ApplicationScoped
public class DlqClear {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DlqQueries queries;

    public DlqClear(DlqQueries queries) {
        this.queries = queries;
    }

    /**
     * The index holding exactly the entries the filters select, and the range of its scores to walk. The time
     * indexes are scored by lastFailedAt, so the range ends at the last failure time taken; the replay indexes are
     * scored by replayCount, and dlq-clear-batch checks the time of each entry.
     */
    record Selection(String index, String minScore, String maxScore) {
    }

    /** @param until the last lastFailedAt selected (epoch ms), or {@code +inf} for every entry */
    static Selection select(String originalQueue, Integer minReplayCount, String until) {
        if (minReplayCount != null && minReplayCount > 0) {
            return new Selection(originalQueue != null ? DlqKeys.replays(originalQueue) : DlqKeys.replays(),
                    Integer.toString(minReplayCount), "+inf");
        }
        return new Selection(originalQueue != null ? DlqKeys.byQueue(originalQueue) : DlqKeys.all(), "-inf", until);
    }

    /** How many entries the filters select now (what the confirmation shows). */
    public long count(String originalQueue, Integer minReplayCount) {
        return count(select(originalQueue, minReplayCount, "+inf"));
    }

    long count(Selection s) {
        return queries.count(s.index(), s.minScore(), s.maxScore()).await().atMost(WAIT);
    }
}
