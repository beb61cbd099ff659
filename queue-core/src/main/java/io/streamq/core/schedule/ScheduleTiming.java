package io.streamq.core.schedule;

import com.cronutils.model.time.ExecutionTime;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * When a schedule fires: the cron's times in its time zone (cron-utils, daylight-saving changes included), or
 * {@code anchor + k * everyMs}; never before {@code startAt}, never after {@code endAt}. All times are epoch ms.
 */
public final class ScheduleTiming {

    private final ExecutionTime cron;
    private final ScheduleSpec spec;
    private final long anchorMs;

    private ScheduleTiming(ScheduleSpec spec, ExecutionTime cron, long anchorMs) {
        this.spec = spec;
        this.cron = cron;
        this.anchorMs = anchorMs;
    }

    /**
     * @param anchorMs where the {@code everyMs} grid starts: {@code startAt} when given, else when the definition was
     *                 saved; unused by cron
     */
    public static ScheduleTiming of(ScheduleSpec spec, long anchorMs) {
        return new ScheduleTiming(spec, spec.cron() == null ? null : Crons.parse(spec.cron()),
                spec.startAt() != null ? spec.startAt() : anchorMs);
    }

    /** The first fire time strictly after {@code afterMs}; empty once none is left before {@code endAt}. */
    public OptionalLong after(long afterMs) {
        long from = spec.startAt() == null ? afterMs : Math.max(afterMs, spec.startAt() - 1);
        OptionalLong next = cron != null ? cronAfter(from) : everyAfter(from);
        if (next.isPresent() && spec.endAt() != null && next.getAsLong() > spec.endAt()) {
            return OptionalLong.empty();
        }
        return next;
    }

    /** Up to {@code count} fire times strictly after {@code afterMs}, in order. */
    public List<Long> next(long afterMs, int count) {
        List<Long> times = new ArrayList<>(count);
        long t = afterMs;
        while (times.size() < count) {
            OptionalLong next = after(t);
            if (next.isEmpty()) {
                break;
            }
            t = next.getAsLong();
            times.add(t);
        }
        return times;
    }

    /** How many fire times lie in {@code (fromMs, toMs]}, counted up to {@code cap}. */
    public int countBetween(long fromMs, long toMs, int cap) {
        int count = 0;
        long t = fromMs;
        while (count < cap) {
            OptionalLong next = after(t);
            if (next.isEmpty() || next.getAsLong() > toMs) {
                break;
            }
            t = next.getAsLong();
            count++;
        }
        return count;
    }

    private OptionalLong cronAfter(long afterMs) {
        ZonedDateTime from = Instant.ofEpochMilli(afterMs).atZone(spec.timezone());
        return cron.nextExecution(from).map(t -> OptionalLong.of(t.toInstant().toEpochMilli()))
                .orElse(OptionalLong.empty());
    }

    private OptionalLong everyAfter(long afterMs) {
        long every = spec.everyMs();
        if (afterMs < anchorMs) {
            return OptionalLong.of(anchorMs);
        }
        return OptionalLong.of(anchorMs + ((afterMs - anchorMs) / every + 1) * every);
    }
}
