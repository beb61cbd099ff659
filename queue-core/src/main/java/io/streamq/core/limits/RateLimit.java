package io.streamq.core.limits;

/**
 * At most {@code jobs} starts of a queue per {@code perMs}, across all workers: a GCRA bucket of {@code jobs} that
 * refills one start every {@code perMs / jobs} ms (commands/includes/claim-limits.lua, docs/architecture.md).
 */
public record RateLimit(int jobs, long perMs) {

    public RateLimit {
        if (jobs < 1 || perMs < 1) {
            throw new IllegalArgumentException("a rate limit needs jobs >= 1 and perMs >= 1");
        }
    }

    /** Starts the bucket allows at {@code nowMs} given its theoretical arrival time, as claim-limits.lua counts. */
    public long freeStarts(double tatMs, long nowMs) {
        double interval = (double) perMs / jobs;
        double tat = Math.min(Math.max(tatMs, nowMs), nowMs + perMs);
        return Math.max(0, (long) Math.floor((nowMs + perMs - tat) / interval + 1e-6));
    }
}
