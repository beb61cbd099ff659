package io.streamq.worker.handlers;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.job.JobView;
import io.streamq.testing.PeerServer;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(PeersTestResource.class)
class WorkflowHandlersTest {

    @Inject
    Jobs jobs;

    @Test
    void startRunStoresTheEnginesAnswerAndIsIdempotentPerJob() throws Exception {
        PeerServer peer = Peers.http();
        peer.onJson("/engine/workflows/onboarding/runs", 201, "{\"runId\":\"run-7\",\"status\":\"running\"}");

        String id = jobs.enqueue(JobType.WORKFLOW_START_RUN, "{\"workflowId\":\"onboarding\",\"input\":{\"user\":5}}");
        JobView job = jobs.await(id, "completed");

        assertThat(jobs.result(job).path("runId").asText()).isEqualTo("run-7");
        PeerServer.Request request = peer.received("/engine/workflows/onboarding/runs").getLast();
        assertThat(request.body()).isEqualTo("{\"input\":{\"user\":5}}");
        assertThat(request.headers().get("idempotency-key")).isEqualTo(id);
        assertThat(request.headers().get("authorization")).isEqualTo("Bearer " + PeersTestResource.WORKFLOWS_KEY);
        assertThat(jobs.progress(job).toString())
                .isEqualTo("{\"percent\":100,\"data\":{\"runId\":\"run-7\",\"status\":\"running\"}}");
        assertThat(jobs.logLines(id)).singleElement().asString()
                .matches("Workflow engine POST 127\\.0\\.0\\.1:\\d+/engine/workflows/onboarding/runs answered 201 in "
                        + "\\d+ ms")
                .doesNotContain(PeersTestResource.WORKFLOWS_KEY);
    }

    @Test
    void executeStepRetriesA5xxAndResumeOfAFinishedRunFailsAtOnce() throws Exception {
        PeerServer peer = Peers.http();
        peer.on("/engine/runs/run-8/steps/send-mail/execute", (n, r) -> n == 1
                ? PeerServer.Answer.json(502, "") : PeerServer.Answer.json(200, "{\"output\":{\"ok\":true}}"));
        JobView step = jobs.await(jobs.enqueue(JobType.WORKFLOW_EXECUTE_STEP,
                "{\"runId\":\"run-8\",\"stepId\":\"send-mail\"}"), "completed");
        assertThat(step.attempts()).isEqualTo(2);
        assertThat(jobs.result(step).path("output").path("ok").asBoolean()).isTrue();
        assertThat(jobs.progress(step).toString()).isEqualTo("{\"percent\":100,\"data\":{\"runId\":\"run-8\"}}");
        // Every attempt's calls are the job's log.
        assertThat(jobs.logLines(step.id())).extracting(l -> l.replaceAll(" in \\d+ ms$", "").replaceAll("^.*/engine", ""))
                .containsExactly("/runs/run-8/steps/send-mail/execute answered 502",
                        "/runs/run-8/steps/send-mail/execute answered 200");

        peer.onJson("/engine/runs/run-9/resume", 409, "{\"error\":\"finished\"}");
        JobView resumed = jobs.await(jobs.enqueue(JobType.WORKFLOW_RESUME_RUN,
                "{\"runId\":\"run-9\",\"signal\":\"approved\"}"), "failed");
        assertThat(resumed.attempts()).isEqualTo(1);
        assertThat(resumed.lastError().code()).isEqualTo("run-finished");
        assertThat(peer.received("/engine/runs/run-9/resume").getFirst().body()).isEqualTo("{\"signal\":\"approved\"}");
    }
}
