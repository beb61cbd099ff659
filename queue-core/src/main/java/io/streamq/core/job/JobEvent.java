package io.streamq.core.job;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One transition as published on {@link io.streamq.core.contract.Channels#JOB_EVENTS}; the scripts build
 * these, batched per script call as {@code {"queue": ..., "events": [...]}}. Read with {@link JobEventBatch}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobEvent(String jobId, String name, String state, Integer attempt, Long ts, Long durationMs,
                       Long dueAt, String errorCode, String errorMessage, Boolean dlq, String actor, String schedule,
                       Integer missed) {
}
