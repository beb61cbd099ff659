package io.streamq.security.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One audit or data-access record.
 *
 * @param id        stream entry id; null before it is written
 * @param at        Redis clock when written; null before
 * @param attemptId for an outcome, the id of its ATTEMPT entry
 * @param error     for ERROR, a short description (no stack trace)
 */
public record AuditEntry(String id, Instant at, AuditKind kind, String actor, String action, AuditTarget target,
                         Map<String, Object> params, AuditOutcome outcome, String error, String clientIp,
                         String requestId, String attemptId) {

    public AuditEntry {
        target = target == null ? AuditTarget.none() : target;
        params = params == null ? Map.of() : params;
    }

    public AuditEntry withOutcome(String attemptId, AuditOutcome outcome, String error) {
        return new AuditEntry(null, null, kind, actor, action, target, params, outcome, error, clientIp, requestId,
                attemptId);
    }
}
