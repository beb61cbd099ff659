package io.streamq.core.store;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static io.streamq.core.store.Replies.orEmpty;

/**
 * A record a queue hands to the DLQ through its dead stream: a job that failed for good ({@link DlqRecord},
 * {@code dlq.record-failure}) or a dead-lettered job that later succeeded ({@link DlqSuccess},
 * {@code dlq.job-succeeded}).
 */
public sealed interface DlqHandOff permits DlqRecord, DlqSuccess {

    String originalJobId();

    /**
     * Reads a dead-stream record by its {@link DlqFields#TYPE}, with the entry's own reader
     * ({@link DlqEntry#parse}). Empty when the record has another type or lacks what identifies a job: such a
     * record can never be stored, only dropped.
     *
     * @param fingerprint masks an error message's variable parts, so reasons group
     */
    static Optional<DlqHandOff> parse(Map<String, String> fields, UnaryOperator<String> fingerprint) {
        DlqEntry e = DlqEntry.parse(fields.get(DlqFields.ORIGINAL_JOB_ID), fields);
        if (e == null || blank(e.originalJobId()) || blank(e.originalQueue())) {
            return Optional.empty();
        }
        String type = fields.get(DlqFields.TYPE);
        if (DlqFields.SUCCESS.equals(type)) {
            long finishedAt = DlqEntry.number(fields.get(DlqFields.FINISHED_AT));
            return finishedAt <= 0 ? Optional.empty()
                    : Optional.of(new DlqSuccess(e.originalQueue(), e.originalJobId(), orEmpty(e.originalJobName()),
                            finishedAt, e.attemptsMade()));
        }
        if (!DlqFields.FAILURE.equals(type) || blank(e.originalJobName()) || e.lastFailedAt() <= 0) {
            return Optional.empty();
        }
        String message = orEmpty(e.errorMessage());
        return Optional.of(new DlqRecord(e.originalQueue(), e.originalJobId(), e.originalJobName(),
                orEmpty(e.errorName()), message, orEmpty(e.errorStack()),
                blank(e.errorCode()) ? "unknown" : e.errorCode(),
                e.firstFailedAt() > 0 ? e.firstFailedAt() : e.lastFailedAt(), e.lastFailedAt(), e.attemptsMade(),
                orEmpty(e.payload()), orEmpty(e.tenantId()), orEmpty(e.workspaceId()), orEmpty(e.actorId()),
                e.replayCount(), fingerprint.apply(message)));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
