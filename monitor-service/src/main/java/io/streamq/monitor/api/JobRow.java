package io.streamq.monitor.api;

import io.streamq.core.job.JobView;

/** A job in a list: no payload or result (those are in the details, which are data-access logged). */
public record JobRow(String id, String name, String state, int attempts, int maxAttempts, Long createdAt,
                     Long dueAt, Long startedAt, Long finishedAt, Long durationMs, String errorCode,
                     String errorMessage) {

    static JobRow of(JobView v) {
        String message = v.lastError() == null ? null : v.lastError().message();
        if (message != null && message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return new JobRow(v.id(), v.name(), v.state(), v.attempts(), v.maxAttempts(), v.createdAt(), v.dueAt(),
                v.startedAt(), v.finishedAt(), v.durationMs(), v.lastError() == null ? null : v.lastError().code(),
                message);
    }
}
