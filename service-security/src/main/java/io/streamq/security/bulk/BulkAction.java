package io.streamq.security.bulk;

/**
 * Names one kind of bulk. {@code name} is the audit action and the owner-action event's action; {@code queue} the
 * queue every id belongs to (audit target, event, answer), or null when the ids span queues; {@code verb} the
 * answer's {@code action} (e.g. {@code retried}), or null to leave it out.
 */
public record BulkAction(String name, String queue, String verb, IdRule ids) {
}
