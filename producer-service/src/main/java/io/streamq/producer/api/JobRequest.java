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
        @Schema(description = "Repeating a key (per tenant, within its window) returns the earlier job instead of a "
                + "new one", pattern = "^[A-Za-z0-9._:-]{1,200}$", maxLength = 200)
        String idempotencyKey,
        @Schema(description = "How long the idempotency key names this job, in ms (1 s to 7 days; default 24 h). "
                + "Needs idempotencyKey", minimum = "1000", maximum = "604800000")
        Long idempotencyWindowMs,
        @Schema(description = "Debounce: while the key's earlier job has not started, this request replaces its "
                + "payload (and restarts its delay when both are delayed) instead of being dropped; the window "
                + "restarts. Needs idempotencyKey", defaultValue = "false")
        Boolean debounce,
        @Schema(description = "Run no earlier than this many ms from now (at most 30 days)", minimum = "0",
                maximum = "2592000000")
        Long delayMs,
        @Schema(description = "1 starts first, 10 starts last (default 5); lower priorities still get a share of "
                + "starts, see the docs", minimum = "1", maximum = "10", defaultValue = "5")
        Integer priority) {
}
