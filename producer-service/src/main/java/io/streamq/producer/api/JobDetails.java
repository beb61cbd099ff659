package io.streamq.producer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A job as read back by its producer. Times absent until reached; payload, result and progress are JSON, not text.
 * {@code progress} is the handler's latest report ({@code {"percent"?, "data"?}}), absent before any; a cancelled job
 * says who cancelled it ({@code cancelledBy}, the token subject) and in which state ({@code cancelledFrom}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobDetails(
        String id,
        String queue,
        String name,
        String state,
        int priority,
        int attempts,
        int maxAttempts,
        Instant createdAt,
        Instant dueAt,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        JsonNode progress,
        Instant progressAt,
        String cancelledBy,
        String cancelledFrom,
        JsonNode result,
        JobErrorDetails lastError,
        Instant firstFailedAt,
        Instant lastFailedAt,
        JsonNode payload) {
}
