package io.streamq.core.dlq;

import io.streamq.core.store.DlqRecord;

/** Dead-letter records of the system queue for the DLQ script tests. */
final class DlqRecords {
    private DlqRecords() {
    }

    /** A record of job {@code id} that failed first at 1,000 ms and last at {@code lastFailedAt}. */
    static DlqRecord record(String id, long lastFailedAt) {
        return new DlqRecord("system", id, "system.cleanup", "Boom", "failed on purpose", "", "boom", 1_000,
                lastFailedAt, 3, "{}", "t", "w", "a", 0, "boom");
    }
}
