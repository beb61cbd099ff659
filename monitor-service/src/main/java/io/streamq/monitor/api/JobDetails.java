package io.streamq.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.job.JobError;

/** GET /owner/queues/{queue}/jobs/{id}: the whole job, payload and result as JSON. */
public record JobDetails(String id, String queue, String name, String state, int priority, int attempts,
                         int maxAttempts, Long createdAt, Long dueAt, Long startedAt, Long finishedAt, Long durationMs, String tenant,
                         String workspace, String actor, JsonNode payload, JsonNode result, JobError lastError,
                         Long firstFailedAt, Long lastFailedAt) {
}
