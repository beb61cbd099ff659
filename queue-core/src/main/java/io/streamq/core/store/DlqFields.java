package io.streamq.core.store;

import java.util.List;

/**
 * The field names of a DLQ entry's hash ({@code DlqKeys.entry}), which are also those of the failure records a queue
 * hands over on its dead stream, and of the DLQ's counter hashes. The Lua scripts spell them too ({@code
 * fail-to-dlq.lua}, {@code complete.lua}, {@code dlq-*.lua}); on the Java side they are spelled here only.
 */
public final class DlqFields {

    public static final String ORIGINAL_QUEUE = "originalQueue";
    public static final String ORIGINAL_JOB_ID = "originalJobId";
    public static final String ORIGINAL_JOB_NAME = "originalJobName";
    public static final String ERROR_NAME = "errorName";
    public static final String ERROR_MESSAGE = "errorMessage";
    public static final String ERROR_STACK = "errorStack";
    public static final String ERROR_CODE = "errorCode";
    public static final String FIRST_FAILED_AT = "firstFailedAt";
    public static final String LAST_FAILED_AT = "lastFailedAt";
    public static final String ATTEMPTS_MADE = "attemptsMade";
    public static final String IS_REPLAYED = "isReplayed";
    public static final String REPLAY_COUNT = "replayCount";
    public static final String LAST_REPLAYED_AT = "lastReplayedAt";
    public static final String PAYLOAD = "payload";
    public static final String TENANT_ID = "tenantId";
    public static final String WORKSPACE_ID = "workspaceId";
    public static final String ACTOR_ID = "actorId";
    public static final String FINGERPRINT = "fingerprint";
    public static final String HISTORY = "history";
    public static final String REPLAY_SUCCEEDED_AT = "replaySucceededAt";

    /** What a list reads of each entry: all but the payload, stack, fingerprint and history. */
    public static final List<String> LISTED = List.of(ORIGINAL_QUEUE, ORIGINAL_JOB_ID, ORIGINAL_JOB_NAME,
            ERROR_NAME, ERROR_MESSAGE, ERROR_CODE, FIRST_FAILED_AT, LAST_FAILED_AT, ATTEMPTS_MADE, IS_REPLAYED,
            REPLAY_COUNT, LAST_REPLAYED_AT, REPLAY_SUCCEEDED_AT, TENANT_ID, WORKSPACE_ID, ACTOR_ID);

    /** A dead-stream record's kind: {@link #FAILURE} or {@link #SUCCESS}. */
    public static final String TYPE = "type";
    /** A failure record ({@code fail-to-dlq.lua}): a job that failed for good. */
    public static final String FAILURE = "dlq.record-failure";
    /** A success record ({@code complete.lua}): a dead-lettered job that ran again and succeeded. */
    public static final String SUCCESS = "dlq.job-succeeded";
    /** When the job of a success record completed. */
    public static final String FINISHED_AT = "finishedAt";

    /** {@code DlqKeys.stats()}: the entries' firstFailedAt in whole seconds, summed (for the average age). */
    public static final String SUM_FIRST_FAILED_SEC = "sumFirstFailedSec";
    /** {@code DlqKeys.stats()}: entries dropped by the retention bounds. */
    public static final String RETENTION_DROPPED = "retentionDropped";
    /** {@code DlqKeys.stats()}: records forwarded again that changed nothing. */
    public static final String DUPLICATES = "duplicates";
    /** {@code DlqKeys.hour(h)}: entries whose last failure is in that hour. */
    public static final String HOUR_TOTAL = "total";

    private DlqFields() {
    }

    /** {@code DlqKeys.hour(h)}: the entries of one original queue whose last failure is in that hour. */
    public static String hourOfQueue(String queue) {
        return "q:" + queue;
    }
}
