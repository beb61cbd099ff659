package io.streamq.core.schedule;

import java.util.List;

/**
 * The due schedules of one queue at {@code nowMs} (the Redis clock).
 *
 * @param nextInMs ms until the next due time after these, -1 when the index holds no other
 */
public record DueBatch(long nowMs, long nextInMs, List<DueSchedule> due) {
}
