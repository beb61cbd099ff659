package io.streamq.worker.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.WorkflowExecuteStep;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * workflow.execute-step: {@code POST /runs/<runId>/steps/<stepId>/execute {"input": ...}}; the engine's answer is the
 * result.
 */
@ApplicationScoped
public class WorkflowExecuteStepHandler implements JobHandler {

    private final WorkflowClient engine;
    private final WorkflowEvents events;

    public WorkflowExecuteStepHandler(WorkflowClient engine, WorkflowEvents events) {
        this.engine = engine;
        this.events = events;
    }

    @Override
    public JobType type() {
        return JobType.WORKFLOW_EXECUTE_STEP;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        WorkflowExecuteStep job = context.payload(WorkflowExecuteStep.class);
        JsonNode answer = engine.post(context, "/runs/" + WorkflowClient.segment(job.runId()) + "/steps/"
                + WorkflowClient.segment(job.stepId()) + "/execute",
                Map.of("input", job.input() == null ? Map.of() : job.input()));
        events.stepFinished(context, job.stepId(), WorkflowClient.reportDone(context, job.runId(), answer));
        return answer;
    }
}
