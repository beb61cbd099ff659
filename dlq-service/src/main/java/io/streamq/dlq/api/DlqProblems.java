package io.streamq.dlq.api;

import io.streamq.core.store.DlqTask;
import io.streamq.dlq.replay.ReplayOutcome;
import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;
import io.streamq.security.error.ProblemException;

import java.util.List;
import java.util.Map;

/** The DLQ's own problem answers; a client tells them apart by type. */
final class DlqProblems {

    static final String TYPE = "urn:problem-type:streamq:dlq:";

    private DlqProblems() {
    }

    static ProblemException notFound(String id) {
        return new ProblemException(404, TYPE + "not-found", "DLQ entry not found", "No DLQ entry " + id + ".",
                Map.of(), null);
    }

    /** A replay that was refused: 404 when there is no entry, else 409 with the reason. */
    static ProblemException refused(String id, ReplayOutcome outcome) {
        if (outcome instanceof ReplayOutcome.NotFound) {
            return notFound(id);
        }
        String detail = switch (outcome) {
            case ReplayOutcome.LimitReached l -> "The entry was replayed " + l.maxReplays()
                    + " times, the most allowed.";
            case ReplayOutcome.InProgress i -> "Another replay of this entry is in progress.";
            case ReplayOutcome.AlreadyLive a -> "The job is already waiting or running again.";
            case ReplayOutcome.AlreadySucceeded a -> "The job already ran again and succeeded; a replay would "
                    + "repeat its effects.";
            case ReplayOutcome.AlreadyCancelled a -> "The job was cancelled since it failed; cancelled is final.";
            default -> "The replay was refused.";
        };
        return new ProblemException(409, TYPE + outcome.reason(), "Replay refused", detail, Map.of(), null);
    }

    static ProblemException taskNotFound(String taskId) {
        return new ProblemException(404, TYPE + "task-not-found", "Clear task not found",
                "No clear task " + taskId + " (finished tasks are kept for a while, then forgotten).", Map.of(), null);
    }

    /** A clear whose task ended without finishing while the request waited for it. */
    static ProblemException clearFailed(DlqTask task) {
        return new ProblemException(500, TYPE + "clear-failed", "Clear stopped",
                "The clear stopped (" + task.state() + ") after removing " + task.removed() + " of " + task.target()
                        + " entries; task " + task.id() + ".", Map.of(), null);
    }

    static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("The request is invalid.", List.of(new FieldProblem(field, message)));
    }
}
