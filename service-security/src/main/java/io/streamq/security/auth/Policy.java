package io.streamq.security.auth;

/** Owner policies (docs/security.md). Role {@link Roles#OWNER} holds all; a narrower token lists some in its claim. */
public enum Policy {
    /** See queues, jobs, payloads, the DLQ, audit logs. */
    READ,
    /** Change things that can be undone: pause, resume, retry, replay. */
    MANAGE,
    /** Destroy data: purge a queue, delete jobs, clear the DLQ. */
    DELETE
}
