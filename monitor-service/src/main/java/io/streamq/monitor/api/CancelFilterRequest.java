package io.streamq.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.CancelFilter;
import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Body of {@code POST /owner/queues/{q}/jobs/cancel-by-filter}: {@code {"jobName"?, "tenant"?}}, at least one. Read
 * from the JSON tree so that an unknown field is refused (a misspelt filter must not widen the cancel to every job)
 * and every bad field is named at once. The record is the OpenAPI shape only.
 */
@Schema(name = "CancelFilterRequest", additionalProperties = Schema.False.class)
public record CancelFilterRequest(
        @Schema(description = "A job type of the queue, e.g. email.send-bulk") String jobName,
        @Schema(description = "The tenant whose jobs to cancel", maxLength = CancelFilterRequest.MAX_TENANT)
        String tenant) {

    static final int MAX_TENANT = 200;
    private static final Set<String> FIELDS = Set.of("jobName", "tenant");

    /** The filter; a 400 naming each bad field otherwise. */
    static CancelFilter read(JsonNode body, QueueName queue) {
        if (body == null || !body.isObject()) {
            throw invalid(List.of(new FieldProblem("body", "must be a JSON object")));
        }
        List<FieldProblem> errors = new ArrayList<>();
        JsonFields.unknown(body, FIELDS, "", errors);
        String jobName = text(body, "jobName", errors);
        if (jobName != null && JobType.fromWire(jobName).filter(t -> t.queue() == queue).isEmpty()) {
            errors.add(new FieldProblem("jobName", "must be a job type of queue " + queue.wireName() + " ("
                    + typesOf(queue) + ")"));
        }
        String tenant = text(body, "tenant", errors);
        if (tenant != null && tenant.length() > MAX_TENANT) {
            errors.add(new FieldProblem("tenant", "must be at most " + MAX_TENANT + " characters"));
        }
        if (errors.isEmpty() && jobName == null && tenant == null) {
            errors.add(new FieldProblem("body", "must give jobName, tenant or both"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new CancelFilter(jobName, tenant);
    }

    /** A non-empty string; null when absent or null (any). */
    private static String text(JsonNode body, String field, List<FieldProblem> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            errors.add(new FieldProblem(field, "must be a non-empty string or absent"));
            return null;
        }
        return value.asText();
    }

    private static String typesOf(QueueName queue) {
        return Arrays.stream(JobType.values()).filter(t -> t.queue() == queue).map(JobType::wireName)
                .collect(Collectors.joining(", "));
    }

    private static InvalidRequestException invalid(List<FieldProblem> errors) {
        return new InvalidRequestException("The filter has invalid fields; nothing was cancelled.", errors);
    }
}
