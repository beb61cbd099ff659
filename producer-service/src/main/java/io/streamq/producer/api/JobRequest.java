package io.streamq.producer.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * The shape of one job request, for the OpenAPI document only: bodies are read as JSON trees (see
 * {@link io.streamq.producer.domain.JobRequestReader}) so that every bad field can be named.
 */
@Schema(name = "JobRequest", additionalProperties = Schema.False.class)
public record JobRequest(
        @Schema(required = true, description = "Job type, e.g. ai.generate-text", example = "ai.generate-text")
        String name,
        @Schema(required = true, description = "The job type's payload object")
        Map<String, Object> payload,
        @Schema(description = "Repeating a key (per tenant, for 24 h) returns the earlier job instead of a new one",
                pattern = "^[A-Za-z0-9._:-]{1,200}$", maxLength = 200)
        String idempotencyKey,
        @Schema(description = "Run no earlier than this many ms from now (at most 30 days)", minimum = "0",
                maximum = "2592000000")
        Long delayMs) {
}
