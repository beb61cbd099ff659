package io.streamq.dlq.query;

import java.util.List;
import java.util.Map;

/**
 * One entry in a list: everything but the payload, stack and history (those are read one entry at a time, with a
 * data-access record). Times are epoch ms.
 */
public record DlqSummary(String id, String originalQueue, String originalJobId, String originalJobName,
                         String errorName, String errorMessage, String errorCode, long firstFailedAt,
                         long lastFailedAt, int attemptsMade, boolean isReplayed, int replayCount,
                         Long lastReplayedAt, Long replaySucceededAt, String tenantId, String workspaceId,
                         String actorId) {

    /** What a list fetches per entry; {@code payload} only when searching. */
    public static final List<String> FIELDS = List.of("originalQueue", "originalJobId", "originalJobName",
            "errorName", "errorMessage", "errorCode", "firstFailedAt", "lastFailedAt", "attemptsMade", "isReplayed",
            "replayCount", "lastReplayedAt", "replaySucceededAt", "tenantId", "workspaceId", "actorId");

    public static DlqSummary of(Map<String, String> e) {
        return new DlqSummary(e.get("originalJobId"), e.get("originalQueue"), e.get("originalJobId"),
                e.get("originalJobName"), e.get("errorName"), e.get("errorMessage"), e.get("errorCode"),
                num(e.get("firstFailedAt")), num(e.get("lastFailedAt")), (int) num(e.get("attemptsMade")),
                "1".equals(e.get("isReplayed")), (int) num(e.get("replayCount")),
                time(e.get("lastReplayedAt")), time(e.get("replaySucceededAt")),
                blank(e.get("tenantId")), blank(e.get("workspaceId")), blank(e.get("actorId")));
    }

    private static long num(String s) {
        return s == null || s.isEmpty() ? 0 : Long.parseLong(s);
    }

    private static Long time(String s) {
        return s == null || s.isEmpty() ? null : Long.parseLong(s);
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
