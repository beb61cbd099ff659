package io.streamq.core.job;

/**
 * What a report of a running attempt wrote: whether its progress was taken (only while the job is active and this
 * attempt holds it) and how many log lines were appended (none once another attempt runs the job or it is gone).
 */
public record ProgressReport(boolean progressTaken, int linesAppended) {

    /** Nothing was written: the job is gone or another attempt runs it now. */
    public boolean refused() {
        return !progressTaken && linesAppended == 0;
    }
}
