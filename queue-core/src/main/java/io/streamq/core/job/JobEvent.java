package io.streamq.core.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One transition as published on {@link io.streamq.core.contract.Channels#JOB_EVENTS}; the scripts build
 * these, batched per script call as {@code {"queue": ..., "events": [...]}}. Read with {@link JobEventBatch}.
 * {@code from} is the state a {@code cancelled} job left; {@code progress} the value of a {@code progress} event
 * ({@code {"percent": 0-100, "data": {...}}}, either part optional).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobEvent(String jobId, String name, String state, Integer attempt, Long ts, Long durationMs,
                       Long dueAt, String errorCode, String errorMessage, Boolean dlq, String actor, String schedule,
                       Integer missed, String from, JsonNode progress) {
}
