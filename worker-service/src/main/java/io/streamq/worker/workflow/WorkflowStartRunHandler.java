package io.streamq.worker.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.WorkflowStartRun;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** workflow.start-run: {@code POST /workflows/<workflowId>/runs {"input": ...}}; the engine's answer is the result. */
@ApplicationScoped
public class WorkflowStartRunHandler implements JobHandler {

    private final WorkflowClient engine;
    private final WorkflowEvents events;

    public WorkflowStartRunHandler(WorkflowClient engine, WorkflowEvents events) {
        this.engine = engine;
        this.events = events;
    }

    @Override
    public JobType type() {
        return JobType.WORKFLOW_START_RUN;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        WorkflowStartRun job = context.payload(WorkflowStartRun.class);
        JsonNode answer = engine.post(context, "/workflows/" + WorkflowClient.segment(job.workflowId()) + "/runs",
                Map.of("input", job.input() == null ? Map.of() : job.input()));
        events.runStarted(context, job.workflowId(), WorkflowClient.reportDone(context, null, answer));
        return answer;
    }
}
