package io.streamq.worker.handler;

/**
 * Where a handler tells how far its job is and what it did. Both are cheap to call as often as the handler likes:
 * the engine keeps the latest progress and the lines in memory and writes them to the job a few times a second at
 * most, and once more before the job's outcome is recorded. Progress is shown to clients ({@code GET /v1/jobs/{id}})
 * and owners, and published as a {@code progress} job event; lines are the job's log ({@code GET
 * /owner/queues/{q}/jobs/{id}/logs}). Never put secrets in either.
 */
public interface JobReporter {

    /**
     * The job's progress now: a percentage (0-100, or null) and/or a small object serialised to JSON (or null). A
     * percentage outside 0-100, data that is not JSON, or a progress longer than
     * {@link io.streamq.core.store.JobReports#MAX_PROGRESS_BYTES} bytes as JSON is dropped with a warning in the
     * worker's log: a report never fails the job it reports on.
     */
    void progress(Integer percent, Object data);

    /**
     * Appends a line to the job's log; a line longer than {@link io.streamq.core.store.JobReports#MAX_LINE_CHARS}
     * characters is cut there, and the job keeps only its newest {@link io.streamq.core.store.JobReports#MAX_LINES}
     * lines.
     */
    void log(String line);
}
