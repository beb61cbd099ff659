package io.streamq.security.audit;

import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Filters of a query; null means "any". Newest first. {@code cursor} is the {@code next} of the previous page: a
 * stream entry id, anything else is refused with a 400 naming {@code cursor} (Redis would refuse it as a range
 * bound, and that must not surface as a 500).
 *
 * @param queue entries whose target is this queue
 * @param jobId entries whose target lists this job
 */
public record AuditQuery(AuditKind kind, String actor, String action, String queue, String jobId,
                         AuditOutcome outcome, Instant from, Instant to, String cursor, int limit) {

    public static final int MAX_LIMIT = 500;
    // A stream entry id as XADD makes them; bounded so that "(" + id stays a valid exclusive range bound.
    private static final Pattern CURSOR = Pattern.compile("[0-9]{1,15}-[0-9]{1,10}");

    public AuditQuery {
        if (cursor != null && !CURSOR.matcher(cursor).matches()) {
            throw new InvalidRequestException("Invalid audit query.",
                    List.of(new FieldProblem("cursor", "must be the next value of an earlier page")));
        }
        kind = kind == null ? AuditKind.MUTATION : kind;
        limit = limit <= 0 ? 50 : Math.min(limit, MAX_LIMIT);
    }

    public static AuditQuery of(AuditKind kind) {
        return new AuditQuery(kind, null, null, null, null, null, null, null, null, 50);
    }

    public AuditQuery actor(String value) {
        return new AuditQuery(kind, value, action, queue, jobId, outcome, from, to, cursor, limit);
    }

    public AuditQuery action(String value) {
        return new AuditQuery(kind, actor, value, queue, jobId, outcome, from, to, cursor, limit);
    }

    public AuditQuery queue(String value) {
        return new AuditQuery(kind, actor, action, value, jobId, outcome, from, to, cursor, limit);
    }

    public AuditQuery jobId(String value) {
        return new AuditQuery(kind, actor, action, queue, value, outcome, from, to, cursor, limit);
    }

    public AuditQuery outcome(AuditOutcome value) {
        return new AuditQuery(kind, actor, action, queue, jobId, value, from, to, cursor, limit);
    }

    public AuditQuery between(Instant fromInclusive, Instant toInclusive) {
        return new AuditQuery(kind, actor, action, queue, jobId, outcome, fromInclusive, toInclusive, cursor, limit);
    }

    public AuditQuery page(String nextCursor, int size) {
        return new AuditQuery(kind, actor, action, queue, jobId, outcome, from, to, nextCursor, size);
    }

    boolean matches(AuditEntry e) {
        return (actor == null || actor.equals(e.actor()))
                && (action == null || action.equals(e.action()))
                && (queue == null || queue.equals(e.target().queue()))
                && (jobId == null || e.target().jobIds().contains(jobId))
                && (outcome == null || outcome == e.outcome());
    }
}
