package io.streamq.monitor.schedule;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * The shape of a schedule request, for the OpenAPI document only: bodies are read as JSON trees
 * ({@link io.streamq.core.schedule.ScheduleReader}) so that every bad field can be named.
 */
@Schema(name = "ScheduleRequest", additionalProperties = Schema.False.class)
public record ScheduleRequest(
        @Schema(required = true, description = "Unique across queues; on PUT the path's",
                pattern = "^[a-z0-9][a-z0-9._-]{0,63}$")
        String id,
        @Schema(required = true, description = "Job type, e.g. system.cleanup") String jobName,
        @Schema(required = true, description = "The job type's payload object") Map<String, Object> payload,
        @Schema(description = "Five-field UNIX cron; exactly one of cron and everyMs", example = "5 0 * * *")
        String cron,
        @Schema(description = "IANA time zone of the cron", defaultValue = "UTC", example = "Europe/Berlin")
        String timezone,
        @Schema(description = "Fire every this many ms; exactly one of cron and everyMs", minimum = "1000")
        Long everyMs,
        @Schema(description = "Epoch ms; no fire before it") Long startAt,
        @Schema(description = "Epoch ms, after startAt; no fire after it") Long endAt,
        @Schema(description = "Jobs it enqueues in all, run-now included", minimum = "1") Integer maxRuns,
        @Schema(enumeration = {"skip", "run-once"}, defaultValue = "skip") String missedRuns,
        @Schema(defaultValue = "true") Boolean enabled) {
}
