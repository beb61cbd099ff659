package io.streamq.monitor.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.schedule.Schedule;
import io.streamq.core.schedule.ScheduleSpec;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.UncheckedIOException;
import java.util.List;

/** A schedule as the owner API answers it: its definition, and what firing made of it. Times are epoch ms. */
@Schema(name = "Schedule")
public record ScheduleAnswer(
        String id,
        @Schema(description = "The job type's queue, where the schedule lives") String queue,
        String jobName,
        JsonNode payload,
        @Schema(description = "Five-field UNIX cron (minute hour day-of-month month day-of-week); null with everyMs")
        String cron,
        @Schema(description = "Time zone of the cron (default UTC); null with everyMs") String timezone,
        @Schema(description = "Fires every this many ms (at least 1000); null with cron") Long everyMs,
        Long startAt,
        Long endAt,
        Integer maxRuns,
        @Schema(enumeration = {"skip", "run-once"}) String missedRuns,
        boolean enabled,
        @Schema(enumeration = {"api", "config"}) String origin,
        @Schema(description = "Jobs enqueued so far (due times and run-now)") long runs,
        Long lastRunAt,
        @Schema(description = "The next due time; null when paused or finished") Long nextDueAt,
        @Schema(description = "The next five fire times") List<Long> nextRuns,
        long createdAt,
        long updatedAt) {

    static final int NEXT_RUNS = 5;

    static ScheduleAnswer of(Schedule s, ObjectMapper mapper) {
        ScheduleSpec spec = s.spec();
        try {
            return new ScheduleAnswer(spec.id(), spec.queue().wireName(), spec.type().wireName(),
                    mapper.readTree(spec.payloadJson()), spec.cron(),
                    spec.timezone() == null ? null : spec.timezone().getId(), spec.everyMs(), spec.startAt(),
                    spec.endAt(), spec.maxRuns(), spec.missedRuns().wireName(), spec.enabled(), s.origin(), s.runs(),
                    s.lastRunAt(), s.nextDueAt(), s.nextRuns(NEXT_RUNS), s.createdAt(), s.updatedAt());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
