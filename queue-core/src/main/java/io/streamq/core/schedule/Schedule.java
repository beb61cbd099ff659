package io.streamq.core.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * A saved schedule: its definition and what firing made of it.
 *
 * @param origin    {@code api} (an owner made it) or {@code config} (a default the worker installed)
 * @param version   raised by every save; firing acts only on the version it planned with
 * @param anchorAt  where an {@code everyMs} grid starts when there is no {@code startAt} (when it was saved)
 * @param runs      jobs it enqueued (due times and run-now)
 * @param lastRunAt when it last enqueued one (Redis clock), null: never
 * @param lastDueAt the last due time it fired or skipped, null: none yet
 * @param nextDueAt its score in the queue's due index, null: paused or finished
 */
public record Schedule(ScheduleSpec spec, String origin, long version, long anchorAt, long runs, Long lastRunAt,
                       Long lastDueAt, Long nextDueAt, long createdAt, long updatedAt) {

    public static final String ORIGIN_API = "api";
    public static final String ORIGIN_CONFIG = "config";

    public ScheduleTiming timing() {
        return ScheduleTiming.of(spec, anchorAt);
    }

    /** Whether {@code maxRuns} is used up. */
    public boolean exhausted() {
        return spec.maxRuns() != null && runs >= spec.maxRuns();
    }

    /** The next {@code count} fire times from the next due one, within {@code endAt} and what is left of maxRuns. */
    public List<Long> nextRuns(int count) {
        if (nextDueAt == null) {
            return List.of();
        }
        int left = spec.maxRuns() == null ? count : (int) Math.min(count, Math.max(0, spec.maxRuns() - runs));
        List<Long> runs = new ArrayList<>(left);
        if (left > 0) {
            runs.add(nextDueAt);
            runs.addAll(timing().next(nextDueAt, left - 1));
        }
        return runs;
    }

    /**
     * Where the due index should place {@code next}, a definition saved at {@code nowMs} with this one's history:
     * never a due time already fired, nothing when paused or used up.
     */
    public static Long nextDueOf(ScheduleSpec next, long anchorAt, long runs, Long lastDueAt, long nowMs) {
        if (!next.enabled() || (next.maxRuns() != null && runs >= next.maxRuns())) {
            return null;
        }
        long after = lastDueAt == null ? nowMs : Math.max(nowMs, lastDueAt);
        var due = ScheduleTiming.of(next, anchorAt).after(after);
        return due.isPresent() ? due.getAsLong() : null;
    }
}
