package io.streamq.producer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.streamq.producer.domain.ItemOutcome;
import io.streamq.security.error.FieldProblem;

import java.util.List;

/** One item of a bulk answer; {@code index} is the item's position in the request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkItemResult(int index, String status, String id, String queue, String state,
                             List<FieldProblem> errors) {

    static final String ACCEPTED = "accepted";
    static final String DUPLICATE = "duplicate";
    static final String DEBOUNCED = "debounced";
    static final String REJECTED = "rejected";

    static BulkItemResult of(ItemOutcome outcome) {
        if (outcome.rejected()) {
            return new BulkItemResult(outcome.index(), REJECTED, null, null, null,
                    FieldProblems.fields(outcome.errors()));
        }
        var job = outcome.job();
        String status = switch (job.outcome()) {
            case CREATED -> ACCEPTED;
            case DUPLICATE -> DUPLICATE;
            case DEBOUNCED -> DEBOUNCED;
        };
        return new BulkItemResult(outcome.index(), status, job.id(), job.queue().wireName(), job.state(), null);
    }
}
