package io.streamq.core.job;

import java.util.List;

/**
 * Jobs taken over from silent workers by one reclaim call, and where the next call resumes its walk of the pending
 * list ({@code "0-0"}: from the start again).
 */
public record ReclaimBatch(List<ClaimedJob> jobs, String nextCursor) {
    public static final String START = "0-0";
}
