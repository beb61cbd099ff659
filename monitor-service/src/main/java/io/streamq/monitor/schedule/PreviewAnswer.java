package io.streamq.monitor.schedule;

import io.streamq.core.schedule.Schedule;
import io.streamq.core.schedule.ScheduleSpec;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Answer of a preview: when a schedule created now from the same body would fire. */
@Schema(name = "SchedulePreview")
public record PreviewAnswer(
        @Schema(description = "The next five fire times (epoch ms), as a create would answer them; empty when the "
                + "body is paused (enabled false)") List<Long> nextRuns) {

    /**
     * The schedule as a create at {@code nowMs} would save it (anchored then, no runs, no due time fired yet), so the
     * times come from the very code that answers a create and fires it.
     */
    static PreviewAnswer of(ScheduleSpec spec, long nowMs) {
        Schedule unsaved = new Schedule(spec, Schedule.ORIGIN_API, 0, nowMs, 0, null, null,
                Schedule.nextDueOf(spec, nowMs, 0, null, nowMs), nowMs, nowMs);
        return new PreviewAnswer(unsaved.nextRuns(ScheduleAnswer.NEXT_RUNS));
    }
}
