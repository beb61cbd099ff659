package io.streamq.monitor.api;

import java.util.List;

/**
 * GET /owner/queues/{queue}/jobs. With a search, {@code total} counts the matches among the first
 * {@code scanLimit} jobs of the state, and {@code searchLimited} says the state held more that were not searched.
 */
public record JobsPage(String queue, String state, String search, int page, int pageSize, long total,
                       boolean searchLimited, Integer scanLimit, List<JobRow> data) {
}
