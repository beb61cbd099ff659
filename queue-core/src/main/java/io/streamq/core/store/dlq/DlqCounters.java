package io.streamq.core.store.dlq;

import java.util.List;

/**
 * The counters the DLQ scripts keep on every insert, replay, delete, clear and retention drop, read at one Redis time.
 *
 * @param now               Redis clock, ms
 * @param entries           every entry
 * @param byHour            entries by the hour of their last failure, oldest hour first, up to the current one
 * @param mostReplayed      the entries replayed at least once, most replayed first
 * @param sumFirstFailedSec the entries' firstFailedAt in whole seconds, summed (for their average age)
 * @param retentionDropped  entries the retention bounds dropped, ever
 * @param duplicates        records forwarded again that changed nothing, ever
 */
public record DlqCounters(long now, long entries, List<Count> byQueue, List<Count> byJobName,
                          List<Count> byErrorCode, List<ErrorReason> byReason, List<HourCount> byHour,
                          ReplayStatus byReplayStatus, List<ReplayedJob> mostReplayed, long sumFirstFailedSec,
                          long retentionDropped, long duplicates) {
}
