package io.streamq.producer.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The shape of a bulk request, for the OpenAPI document only (see {@link JobRequest}). */
@Schema(name = "BulkRequest", additionalProperties = Schema.False.class)
public record BulkRequest(@Schema(required = true, minItems = 1, maxItems = 1000) List<JobRequest> jobs) {
}
