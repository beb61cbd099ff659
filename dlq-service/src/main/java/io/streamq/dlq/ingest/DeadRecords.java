package io.streamq.dlq.ingest;

import io.streamq.core.store.DlqRecord;

import java.util.Map;
import java.util.Optional;

/** Reads a dead-stream entry (the fields {@code fail-to-dlq.lua} writes) into a record to store. */
public final class DeadRecords {

    private DeadRecords() {
    }

    /** Empty when the entry lacks what identifies a job: such an entry can never be stored, only dropped. */
    public static Optional<DlqRecord> parse(Map<String, String> f) {
        String id = f.get("originalJobId");
        String queue = f.get("originalQueue");
        String name = f.get("originalJobName");
        long lastFailedAt = number(f.get("lastFailedAt"));
        if (blank(id) || blank(queue) || blank(name) || lastFailedAt <= 0) {
            return Optional.empty();
        }
        long firstFailedAt = number(f.get("firstFailedAt"));
        String message = f.getOrDefault("errorMessage", "");
        String code = blank(f.get("errorCode")) ? "unknown" : f.get("errorCode");
        return Optional.of(new DlqRecord(queue, id, name, f.getOrDefault("errorName", ""), message,
                f.getOrDefault("errorStack", ""), code, firstFailedAt > 0 ? firstFailedAt : lastFailedAt,
                lastFailedAt, (int) number(f.get("attemptsMade")), f.getOrDefault("payload", ""),
                f.getOrDefault("tenantId", ""), f.getOrDefault("workspaceId", ""), f.getOrDefault("actorId", ""),
                (int) number(f.get("replayCount")), ErrorFingerprint.of(message)));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static long number(String s) {
        try {
            return s == null || s.isBlank() ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
