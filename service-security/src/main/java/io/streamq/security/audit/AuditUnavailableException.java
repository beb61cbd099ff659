package io.streamq.security.audit;

import io.streamq.security.error.ProblemException;
import io.streamq.security.error.ProblemTypes;

import java.util.Map;

/** The audit store refused a write: 503, and the detail says whether the mutation ran. */
public class AuditUnavailableException extends ProblemException {

    public AuditUnavailableException(String detail, Throwable cause) {
        super(503, ProblemTypes.AUDIT_UNAVAILABLE, "Audit log unavailable", detail, Map.of("Retry-After", "5"), cause);
    }
}
