package io.streamq.core.store;

import java.util.Map;

import static io.streamq.core.store.DlqFields.ACTOR_ID;
import static io.streamq.core.store.DlqFields.ATTEMPTS_MADE;
import static io.streamq.core.store.DlqFields.ERROR_CODE;
import static io.streamq.core.store.DlqFields.ERROR_MESSAGE;
import static io.streamq.core.store.DlqFields.ERROR_NAME;
import static io.streamq.core.store.DlqFields.ERROR_STACK;
import static io.streamq.core.store.DlqFields.FINGERPRINT;
import static io.streamq.core.store.DlqFields.FIRST_FAILED_AT;
import static io.streamq.core.store.DlqFields.HISTORY;
import static io.streamq.core.store.DlqFields.IS_REPLAYED;
import static io.streamq.core.store.DlqFields.LAST_FAILED_AT;
import static io.streamq.core.store.DlqFields.LAST_REPLAYED_AT;
import static io.streamq.core.store.DlqFields.ORIGINAL_JOB_ID;
import static io.streamq.core.store.DlqFields.ORIGINAL_JOB_NAME;
import static io.streamq.core.store.DlqFields.ORIGINAL_QUEUE;
import static io.streamq.core.store.DlqFields.PAYLOAD;
import static io.streamq.core.store.DlqFields.REPLAY_COUNT;
import static io.streamq.core.store.DlqFields.REPLAY_SUCCEEDED_AT;
import static io.streamq.core.store.DlqFields.TENANT_ID;
import static io.streamq.core.store.DlqFields.WORKSPACE_ID;
import static io.streamq.core.store.Replies.blankToNull;

/**
 * One stored DLQ entry (docs/dlq.md#the-record). {@code id} is the original job id: a replayed job that fails again is the same
 * entry. Times are epoch ms from the Redis clock; {@code lastReplayedAt} is null when never replayed. A read of some
 * fields only (a list reads {@link DlqFields#LISTED}) leaves the others null or 0.
 *
 * @param history           JSON array of the entry's failures, replays and success, oldest first (at most 20)
 * @param replaySucceededAt when the job, dead-lettered before, ran again and succeeded; null otherwise. Such an entry
 *                          is not replayed again.
 */
public record DlqEntry(String id, String originalQueue, String originalJobId, String originalJobName,
                       String errorName, String errorMessage, String errorStack, String errorCode,
                       long firstFailedAt, long lastFailedAt, int attemptsMade, boolean isReplayed, int replayCount,
                       Long lastReplayedAt, String payload, String workspaceId, String tenantId, String actorId,
                       String fingerprint, String history, Long replaySucceededAt) {

    /** Largest time or count taken as one: beyond it (or negative, or not a number) a value counts as absent. */
    private static final long MAX_NUMBER = 999_999_999_999_999L;

    /**
     * The one reader of an entry's fields, from its hash or from the failure record it came from (the dead stream
     * carries the same fields); null without {@code originalQueue} (no such entry). Times and counts that are not
     * non-negative integers read as 0, so a malformed record cannot reach a script that refuses it.
     */
    public static DlqEntry parse(String id, Map<String, String> h) {
        if (h == null || h.get(ORIGINAL_QUEUE) == null) {
            return null;
        }
        return new DlqEntry(id, h.get(ORIGINAL_QUEUE), h.getOrDefault(ORIGINAL_JOB_ID, id), h.get(ORIGINAL_JOB_NAME),
                h.get(ERROR_NAME), h.get(ERROR_MESSAGE), blankToNull(h.get(ERROR_STACK)), h.get(ERROR_CODE),
                number(h.get(FIRST_FAILED_AT)), number(h.get(LAST_FAILED_AT)), count(h.get(ATTEMPTS_MADE)),
                "1".equals(h.get(IS_REPLAYED)), count(h.get(REPLAY_COUNT)), time(h.get(LAST_REPLAYED_AT)),
                h.get(PAYLOAD), blankToNull(h.get(WORKSPACE_ID)), blankToNull(h.get(TENANT_ID)),
                blankToNull(h.get(ACTOR_ID)), h.get(FINGERPRINT), h.getOrDefault(HISTORY, "[]"),
                time(h.get(REPLAY_SUCCEEDED_AT)));
    }

    /** The same entry with its payload, read apart from its other fields. */
    public DlqEntry withPayload(String payload) {
        return new DlqEntry(id, originalQueue, originalJobId, originalJobName, errorName, errorMessage, errorStack,
                errorCode, firstFailedAt, lastFailedAt, attemptsMade, isReplayed, replayCount, lastReplayedAt, payload,
                workspaceId, tenantId, actorId, fingerprint, history, replaySucceededAt);
    }

    /** A non-negative integer no larger than an epoch-ms time; 0 otherwise. */
    static long number(String s) {
        try {
            long n = s == null || s.isBlank() ? 0 : Long.parseLong(s.trim());
            return n < 0 || n > MAX_NUMBER ? 0 : n;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int count(String s) {
        return (int) Math.min(Integer.MAX_VALUE, number(s));
    }

    private static Long time(String s) {
        return blankToNull(s) == null ? null : number(s);
    }
}
