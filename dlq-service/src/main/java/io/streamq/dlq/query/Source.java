package io.streamq.dlq.query;

import io.streamq.core.keys.DlqKeys;

/**
 * The index a list or export reads: the narrowest one for the filters. Time-scored indexes (lastFailedAt) take the
 * time range as a score range; the replay indexes are scored by replayCount and take minReplayCount.
 *
 * @param exact the index holds exactly the matching entries (no further filtering needed), so counts and pages
 *              come straight from it
 */
public record Source(String index, String max, String min, boolean timeScored, boolean exact, long size) {

    static String score(Long ms, String unbounded) {
        return ms == null ? unbounded : Long.toString(ms);
    }

    static Source time(String index, DlqFilter f, boolean exact, long size) {
        return new Source(index, score(f.to(), "+inf"), score(f.from(), "-inf"), true, exact, size);
    }

    static Source replays(DlqFilter f, boolean exact, long size) {
        String index = f.originalQueue() != null ? DlqKeys.replays(f.originalQueue()) : DlqKeys.replays();
        return new Source(index, "+inf", Long.toString(f.minReplayCount()), false, exact, size);
    }
}
