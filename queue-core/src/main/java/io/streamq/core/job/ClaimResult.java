package io.streamq.core.job;

import java.util.List;

/** What a claim found: jobs, nothing yet, or a paused queue. */
public sealed interface ClaimResult {

    record Jobs(List<ClaimedJob> jobs) implements ClaimResult {
    }

    /**
     * Nothing to claim; entries of the stream newer than {@code newestEntryId}, and of the wake stream newer than
     * {@code newestWakeId} (a prioritized job started waiting), are worth waiting for.
     */
    record Empty(String newestEntryId, String newestWakeId) implements ClaimResult {
    }

    record Paused() implements ClaimResult {
    }
}
