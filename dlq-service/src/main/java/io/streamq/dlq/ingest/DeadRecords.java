package io.streamq.dlq.ingest;

import io.streamq.core.store.DlqHandOff;

import java.util.Map;
import java.util.Optional;

/**
 * Reads a dead-stream entry ({@link DlqHandOff#parse}): a {@code dlq.record-failure} (written by
 * {@code fail-to-dlq.lua}) is a record to store, a {@code dlq.job-succeeded} (written by {@code complete.lua}) a
 * success to mark. The record's error reason is its message's {@link ErrorFingerprint}, computed here.
 */
public final class DeadRecords {

    private DeadRecords() {
    }

    /**
     * Empty when the entry has another type or lacks what identifies a job: such an entry can never be stored,
     * only dropped. Times and counts that are not non-negative integers count as absent, so the scripts (which
     * refuse a whole batch for one bad value) always get valid numbers.
     */
    public static Optional<DlqHandOff> parse(Map<String, String> fields) {
        return DlqHandOff.parse(fields, ErrorFingerprint::of);
    }
}
