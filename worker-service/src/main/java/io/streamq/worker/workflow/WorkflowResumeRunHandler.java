package io.streamq.worker.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.WorkflowResumeRun;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/** workflow.resume-run: {@code POST /runs/<runId>/resume {"signal": ...}}; the engine's answer is the result. */
@ApplicationScoped
public class WorkflowResumeRunHandler implements JobHandler {

    private final WorkflowClient engine;
    private final WorkflowEvents events;

    public WorkflowResumeRunHandler(WorkflowClient engine, WorkflowEvents events) {
        this.engine = engine;
        this.events = events;
    }

    @Override
    public JobType type() {
        return JobType.WORKFLOW_RESUME_RUN;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        WorkflowResumeRun job = context.payload(WorkflowResumeRun.class);
        Map<String, Object> body = new HashMap<>();
        body.put("signal", job.signal());
        JsonNode answer = engine.post(context, "/runs/" + WorkflowClient.segment(job.runId()) + "/resume", body);
        events.runResumed(context, job.signal(), WorkflowClient.reportDone(context, job.runId(), answer));
        return answer;
    }
}
