package io.streamq.dlq.api;

import io.streamq.core.contract.QueueName;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query-parameter parsing that answers 400 naming the field, rather than a bare 404 from a failed conversion. */
final class Params {

    private Params() {
    }

    /** A work queue's wire name, or null when absent. */
    static String queue(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return QueueName.fromWire(value.strip()).filter(q -> q != QueueName.DLQ).map(QueueName::wireName)
                .orElseThrow(() -> DlqProblems.invalid(field, "must be one of " + QueueName.workQueues()));
    }

    /** Epoch milliseconds or an ISO-8601 instant; null when absent. */
    static Long time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return v.chars().allMatch(Character::isDigit) ? Long.parseLong(v) : Instant.parse(v).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw DlqProblems.invalid(field, "must be epoch milliseconds or an ISO-8601 instant");
        }
    }
}
