package io.streamq.core.job;

/**
 * What a cancel did to one job. {@code state} is the state a cancelled job left, a finished job's final state, or a
 * skipped job's state; empty for a job not found.
 */
public record CancelVerdict(String jobId, Verdict verdict, String state) {

    public enum Verdict {
        /** Stopped now: a waiting or delayed job never runs; an active job's outcome will be refused. */
        CANCELLED,
        NOT_FOUND,
        /** Completed, failed or cancelled before: left as it is. */
        FINISHED,
        /** It does not match the filter (another job type or tenant). */
        SKIPPED;

        public static Verdict fromScript(String value) {
            return switch (value) {
                case "cancelled" -> CANCELLED;
                case "not-found" -> NOT_FOUND;
                case "finished" -> FINISHED;
                case "skipped" -> SKIPPED;
                default -> throw new IllegalStateException("cancel-jobs answered " + value);
            };
        }
    }

    public boolean cancelled() {
        return verdict == Verdict.CANCELLED;
    }
}
