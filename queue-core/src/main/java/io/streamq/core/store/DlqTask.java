package io.streamq.core.store;

import java.util.Map;

import static io.streamq.core.store.Replies.blankToNull;

/**
 * A background clear (dlq-task-start): what it selects, how far it got, and the audit facts of the request that
 * started it, so whichever replica ends it can write the audit outcome. Times are epoch ms from the Redis clock.
 *
 * @param state          {@code running}, {@code succeeded}, {@code failed} or {@code interrupted}
 * @param index          the index that holds exactly the selected entries; the task walks its scores from
 *                       {@code minScore} to {@code maxScore} to the end
 * @param cutoff         the Redis time (ms) at which the owner was shown what the clear would remove: only entries
 *                       that last failed at or before it are removed
 * @param target         how many entries were selected when the clear was confirmed: an estimate for progress, not
 *                       where the task stops
 * @param originalQueue  the queue filter, null for all
 * @param minReplayCount the replay-count filter, null for none
 * @param finishedAt     null while running
 * @param error          why it failed or was interrupted; null otherwise
 */
public record DlqTask(String id, String state, String index, String minScore, String maxScore, long cutoff,
                      long target, long removed,
                      String originalQueue, Integer minReplayCount, String actor, String attemptId, String clientIp,
                      String requestId, long startedAt, long updatedAt, Long finishedAt, String error) {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";

    /** Reads a task hash; null when there is none. */
    public static DlqTask of(Map<String, String> h) {
        if (h == null || h.get("state") == null) {
            return null;
        }
        return new DlqTask(h.get("id"), h.get("state"), h.get("index"), h.get("minScore"), h.get("maxScore"),
                number(h.get("cutoff")), number(h.get("target")), number(h.get("removed")),
                blankToNull(h.get("originalQueue")),
                blankToNull(h.get("minReplayCount")) == null ? null : Integer.valueOf(h.get("minReplayCount")),
                h.get("actor"), blankToNull(h.get("attemptId")), blankToNull(h.get("clientIp")),
                blankToNull(h.get("requestId")), number(h.get("startedAt")), number(h.get("updatedAt")),
                blankToNull(h.get("finishedAt")) == null ? null : Long.valueOf(h.get("finishedAt")),
                blankToNull(h.get("error")));
    }

    /** The same task with the audit facts of the request that started it. */
    public DlqTask withAudit(String attemptId, String clientIp, String requestId) {
        return new DlqTask(id, state, index, minScore, maxScore, cutoff, target, removed, originalQueue,
                minReplayCount, actor, attemptId, clientIp, requestId, startedAt, updatedAt, finishedAt, error);
    }

    public boolean running() {
        return RUNNING.equals(state);
    }

    private static long number(String s) {
        return s == null || s.isEmpty() ? 0 : Long.parseLong(s);
    }
}
