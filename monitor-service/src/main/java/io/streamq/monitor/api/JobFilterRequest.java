package io.streamq.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.job.JobState;
import io.streamq.monitor.admin.ActByFilter;
import io.streamq.monitor.admin.JobFilter;
import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code POST /owner/queues/{q}/jobs/by-filter/retry|remove}: {@code {"state", "search"?}}, the filter of
 * the owner's job list. Read from the JSON tree so an unknown field is refused (a misspelt filter must not widen
 * the action to every job of the state) and every bad field is named at once. The record is the OpenAPI shape only.
 */
@Schema(name = "JobFilterRequest", additionalProperties = Schema.False.class)
public record JobFilterRequest(
        @Schema(description = "The list's state: failed for a retry; any but active for a remove", required = true)
        String state,
        @Schema(description = "The list's search text (id, job type or payload text)", maxLength = MAX_SEARCH)
        String search) {

    static final int MAX_SEARCH = 200;
    private static final Set<String> FIELDS = Set.of("state", "search");

    /** The filter; a 400 naming each bad field otherwise. */
    static JobFilter read(JsonNode body, ActByFilter.Action action) {
        if (body == null || !body.isObject()) {
            throw invalid(List.of(new FieldProblem("body", "must be a JSON object")));
        }
        List<FieldProblem> errors = new ArrayList<>();
        JsonFields.unknown(body, FIELDS, "", errors);
        JsonNode stateNode = body.get("state");
        JobState state = stateNode == null || !stateNode.isTextual() ? null
                : JobState.fromWire(stateNode.asText()).orElse(null);
        if (state == null) {
            errors.add(new FieldProblem("state", "must be one of waiting, active, delayed, completed, failed, "
                    + "cancelled"));
        } else if (action == ActByFilter.Action.RETRY && state != JobState.FAILED) {
            errors.add(new FieldProblem("state", "must be failed: only failed jobs can be retried"));
        } else if (action == ActByFilter.Action.REMOVE && state == JobState.ACTIVE) {
            errors.add(new FieldProblem("state", "must not be active: an active job is left to its worker"));
        }
        String search = null;
        JsonNode searchNode = body.get("search");
        if (searchNode != null && !searchNode.isNull()) {
            if (!searchNode.isTextual() || searchNode.asText().length() > MAX_SEARCH) {
                errors.add(new FieldProblem("search", "must be a string of at most " + MAX_SEARCH + " characters"));
            } else if (!searchNode.asText().isBlank()) {
                search = searchNode.asText().trim();
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new JobFilter(state, search);
    }

    private static InvalidRequestException invalid(List<FieldProblem> errors) {
        return new InvalidRequestException("The filter has invalid fields; no job was changed.", errors);
    }
}
