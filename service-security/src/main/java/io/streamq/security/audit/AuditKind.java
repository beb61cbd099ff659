package io.streamq.security.audit;

/** Which log an entry belongs to; each is its own stream with its own retention. */
public enum AuditKind {
    /** A change: every mutation records an attempt and then its outcome. */
    MUTATION,
    /** A sensitive read: payloads, exports. */
    DATA_ACCESS
}
