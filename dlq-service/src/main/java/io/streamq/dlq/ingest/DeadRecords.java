package io.streamq.dlq.ingest;

import io.streamq.core.store.DlqHandOff;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqSuccess;

import java.util.Map;
import java.util.Optional;

/**
 * Reads a dead-stream entry by its {@code type}: {@code dlq.record-failure} (written by {@code fail-to-dlq.lua}) is a
 * record to store, {@code dlq.job-succeeded} (written by {@code complete.lua}) a success to mark.
 */
public final class DeadRecords {

    static final String FAILURE = "dlq.record-failure";
    static final String SUCCESS = "dlq.job-succeeded";

    private DeadRecords() {
    }

    /**
     * Empty when the entry has another type or lacks what identifies a job: such an entry can never be stored,
     * only dropped. Times and counts that are not non-negative integers count as absent, so the scripts (which
     * refuse a whole batch for one bad value) always get valid numbers.
     */
    public static Optional<DlqHandOff> parse(Map<String, String> f) {
        String id = f.get("originalJobId");
        String queue = f.get("originalQueue");
        String name = f.get("originalJobName");
        if (blank(id) || blank(queue)) {
            return Optional.empty();
        }
        String type = f.get("type");
        if (SUCCESS.equals(type)) {
            long finishedAt = number(f.get("finishedAt"));
            return finishedAt <= 0 ? Optional.empty()
                    : Optional.of(new DlqSuccess(queue, id, name == null ? "" : name, finishedAt,
                            count(f.get("attemptsMade"))));
        }
        long lastFailedAt = number(f.get("lastFailedAt"));
        if (!FAILURE.equals(type) || blank(name) || lastFailedAt <= 0) {
            return Optional.empty();
        }
        long firstFailedAt = number(f.get("firstFailedAt"));
        String message = f.getOrDefault("errorMessage", "");
        String code = blank(f.get("errorCode")) ? "unknown" : f.get("errorCode");
        return Optional.of(new DlqRecord(queue, id, name, f.getOrDefault("errorName", ""), message,
                f.getOrDefault("errorStack", ""), code, firstFailedAt > 0 ? firstFailedAt : lastFailedAt,
                lastFailedAt, count(f.get("attemptsMade")), f.getOrDefault("payload", ""),
                f.getOrDefault("tenantId", ""), f.getOrDefault("workspaceId", ""), f.getOrDefault("actorId", ""),
                count(f.get("replayCount")), ErrorFingerprint.of(message)));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int count(String s) {
        return (int) Math.min(Integer.MAX_VALUE, number(s));
    }

    /** A non-negative integer that fits an int count or an epoch-ms time; 0 otherwise. */
    private static long number(String s) {
        try {
            long n = s == null || s.isBlank() ? 0 : Long.parseLong(s.trim());
            return n < 0 || n > 999_999_999_999_999L ? 0 : n;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
