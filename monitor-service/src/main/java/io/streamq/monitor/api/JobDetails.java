package io.streamq.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.job.JobError;
import io.streamq.core.job.JobLogLine;

import java.util.List;

/**
 * GET /owner/queues/{queue}/jobs/{id}: the whole job, payload, result and progress as JSON, and its log lines.
 *
 * @param progress      the latest progress its handler reported ({@code {"percent"?, "data"?}}), null before any
 * @param cancelledBy   who cancelled it (a cancelled job), else null
 * @param cancelledFrom the state it was cancelled in (waiting, delayed or active), else null
 */
public record JobDetails(String id, String queue, String name, String state, int priority, int attempts,
                         int maxAttempts, Long createdAt, Long dueAt, Long startedAt, Long finishedAt, Long durationMs,
                         String tenant, String workspace, String actor, JsonNode payload, JsonNode result,
                         JobError lastError, Long firstFailedAt, Long lastFailedAt, JsonNode progress, Long progressAt,
                         String cancelledBy, String cancelledFrom, List<JobLogLine> logs) {
}
