package io.streamq.worker.workflow;

import io.streamq.core.event.DomainEventType;
import io.streamq.worker.handler.HandlerEvents;
import io.streamq.worker.handler.JobContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Set;

import static io.streamq.core.event.DomainEvent.fields;

/**
 * The workflows room's events, from what the engine answered a job (ids and the engine's {@code status}, never the
 * input or the answer itself). A run is said to have finished only when the engine's answer names a final status.
 */
@ApplicationScoped
public class WorkflowEvents {

    /**
     * The run statuses that end a run, as workflow engines name them (case ignored). Any other status (running,
     * waiting, ...) or none says nothing about the run's end, so no run-finished is published for it.
     */
    static final Set<String> FINAL_STATUSES = Set.of("completed", "succeeded", "failed", "cancelled", "canceled",
            "terminated");

    private final HandlerEvents events;

    public WorkflowEvents(HandlerEvents events) {
        this.events = events;
    }

    void runStarted(JobContext context, String workflowId, WorkflowClient.RunProgress run) {
        events.publish(context, DomainEventType.WORKFLOW_RUN_STARTED,
                fields("workflowId", workflowId, "runId", run.runId(), "status", run.status()));
        finishedIfFinal(context, run);
    }

    void stepFinished(JobContext context, String stepId, WorkflowClient.RunProgress run) {
        events.publish(context, DomainEventType.WORKFLOW_STEP_FINISHED,
                fields("runId", run.runId(), "stepId", stepId, "status", run.status()));
        finishedIfFinal(context, run);
    }

    void runResumed(JobContext context, String signal, WorkflowClient.RunProgress run) {
        events.publish(context, DomainEventType.WORKFLOW_RUN_RESUMED,
                fields("runId", run.runId(), "signal", signal, "status", run.status()));
        finishedIfFinal(context, run);
    }

    private void finishedIfFinal(JobContext context, WorkflowClient.RunProgress run) {
        if (run.runId() != null && run.status() != null
                && FINAL_STATUSES.contains(run.status().toLowerCase(Locale.ROOT))) {
            events.publish(context, DomainEventType.WORKFLOW_RUN_FINISHED,
                    fields("runId", run.runId(), "status", run.status()));
        }
    }
}
