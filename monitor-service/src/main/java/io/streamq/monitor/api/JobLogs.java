package io.streamq.monitor.api;

import io.streamq.core.job.JobLogLine;

import java.util.List;

/** GET /owner/queues/{queue}/jobs/{id}/logs: the lines its handlers logged, oldest first (at most 200). */
public record JobLogs(String jobId, List<JobLogLine> lines) {
}
