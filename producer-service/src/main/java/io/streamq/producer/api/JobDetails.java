package io.streamq.producer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A job as read back by its producer. Times absent until reached; payload and result are JSON, not text. */
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
        JsonNode result,
        JobErrorDetails lastError,
        Instant firstFailedAt,
        Instant lastFailedAt,
        JsonNode payload) {
}
