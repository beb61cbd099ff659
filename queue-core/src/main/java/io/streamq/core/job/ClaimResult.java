package io.streamq.core.job;

import java.util.List;

/** What a claim found: jobs, nothing yet, or a paused queue. */
public sealed interface ClaimResult {

    record Jobs(List<ClaimedJob> jobs) implements ClaimResult {
    }

    /** Nothing to claim; entries newer than {@code newestEntryId} are worth waiting for. */
    record Empty(String newestEntryId) implements ClaimResult {
    }

    record Paused() implements ClaimResult {
    }
}
