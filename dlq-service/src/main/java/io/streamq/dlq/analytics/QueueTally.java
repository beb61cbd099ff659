package io.streamq.dlq.analytics;

import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.dlq.Count;
import io.streamq.core.store.dlq.ErrorReason;
import io.streamq.core.store.dlq.ReplayedJob;
import io.streamq.dlq.ingest.ErrorFingerprint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The breakdowns of one queue's entries, counted as they are walked: the DLQ scripts keep per-value counters over
 * the whole DLQ only, so per queue they come from the entries themselves. Reasons are the same fingerprint the
 * forwarder stores ({@link ErrorFingerprint}), computed from each entry's message.
 */
final class QueueTally {

    private final Map<String, Long> byJobName = new HashMap<>();
    private final Map<String, Long> byErrorCode = new HashMap<>();
    private final Map<String, Long> byReason = new HashMap<>();
    private final Map<String, String> examples = new HashMap<>();
    private final List<ReplayedJob> replayed = new ArrayList<>();
    private long sumFirstFailedSec;
    private long entries;

    void add(List<DlqEntry> chunk) {
        for (DlqEntry e : chunk) {
            entries++;
            sumFirstFailedSec += e.firstFailedAt() / 1000;
            byJobName.merge(nonNull(e.originalJobName()), 1L, Long::sum);
            byErrorCode.merge(nonNull(e.errorCode()), 1L, Long::sum);
            String reason = ErrorFingerprint.of(e.errorMessage());
            byReason.merge(reason, 1L, Long::sum);
            examples.putIfAbsent(reason, e.errorMessage());
            if (e.replayCount() > 0) {
                replayed.add(new ReplayedJob(e.id(), e.originalQueue(), e.originalJobName(), e.replayCount()));
            }
        }
    }

    long entries() {
        return entries;
    }

    long sumFirstFailedSec() {
        return sumFirstFailedSec;
    }

    List<Count> byJobName(int limit) {
        return top(byJobName, limit, Count::new);
    }

    List<Count> byErrorCode(int limit) {
        return top(byErrorCode, limit, Count::new);
    }

    List<ErrorReason> byReason(int limit) {
        return top(byReason, limit, (reason, n) -> new ErrorReason(reason, n, examples.get(reason)));
    }

    List<ReplayedJob> mostReplayed(int limit) {
        return replayed.stream().sorted(Comparator.comparingLong(ReplayedJob::replayCount).reversed()
                .thenComparing(ReplayedJob::id)).limit(limit).toList();
    }

    private interface Row<T> {
        T of(String value, long count);
    }

    private static <T> List<T> top(Map<String, Long> counts, int limit, Row<T> row) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(limit).map(e -> row.of(e.getKey(), e.getValue())).toList();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
