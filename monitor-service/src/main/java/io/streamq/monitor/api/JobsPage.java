package io.streamq.monitor.api;

import java.util.List;

/**
 * GET /owner/queues/{queue}/jobs. Without a search, {@code total} is the state's size and {@code nextCursor}
 * continues after this page (null on the last). With a search, {@code total} counts the matches among the
 * {@code scanned} first jobs of the state, {@code searchLimited} says the state held more that were not searched
 * (a bound was reached), and {@code partlySearched} counts payloads searched only in their first part.
 * {@code asOf}: when the rows were read (this service's clock, epoch ms).
 */
public record JobsPage(String queue, long asOf, String state, String search, int page, int pageSize, long total,
                       boolean searchLimited, Integer scanLimit, Integer scanned, Integer partlySearched,
                       String nextCursor, List<JobRow> data) {
}
