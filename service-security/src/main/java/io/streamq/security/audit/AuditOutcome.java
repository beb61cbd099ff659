package io.streamq.security.audit;

/**
 * ATTEMPT is written before a mutation runs, SUCCESS or ERROR after it (with the attempt's id), so a mutation whose
 * outcome could not be recorded still left a trace: no change ever happens unrecorded.
 */
public enum AuditOutcome {
    ATTEMPT, SUCCESS, ERROR
}
