package io.streamq.monitor.admin;

import io.streamq.core.job.JobState;

/**
 * The jobs an owner list shows: one state, and optionally the search text of the list (id, job type or payload
 * text, as {@code GET /owner/queues/{q}/jobs?search=} reads it).
 *
 * @param search null for every job of the state
 */
public record JobFilter(JobState state, String search) {
}
