package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.security.audit.AuditEntry;
import io.streamq.security.audit.AuditKind;
import io.streamq.security.audit.AuditLog;
import io.streamq.security.audit.AuditOutcome;
import io.streamq.security.audit.AuditQuery;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pause stops consumption (claim answers paused), resume restarts it; both audited. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class PauseResumeTest {

    static final QueueName Q = QueueName.WORKFLOWS;

    @Inject
    Drive drive;
    @Inject
    AuditLog audit;

    @Test
    void pauseStopsClaimsAndResumeRestartsThem() {
        String actor = "pauser-" + System.nanoTime();
        String token = TestTokens.owner(actor);
        drive.enqueue(JobType.WORKFLOW_RESUME_RUN, 2, "{\"runId\":\"run_1\",\"signal\":\"approved\"}");

        Api.post(token, "/owner/queues/workflows/pause", null).then().statusCode(200);
        assertThat(drive.claimResult(Q, "w-pause")).isInstanceOf(ClaimResult.Paused.class);
        // Paused twice is no change.
        assertThat(Api.post(token, "/owner/queues/workflows/pause", null).jsonPath().getBoolean("changed")).isFalse();

        Api.post(token, "/owner/queues/workflows/resume", null).then().statusCode(200);
        assertThat(drive.claimResult(Q, "w-pause")).isInstanceOf(ClaimResult.Jobs.class);

        List<AuditEntry> entries = audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor).queue("workflows"))
                .await().atMost(Duration.ofSeconds(10)).items();
        assertThat(entries).extracting(e -> e.action() + ":" + e.outcome()).containsExactly(
                "queue.resume:SUCCESS", "queue.resume:ATTEMPT", "queue.pause:SUCCESS", "queue.pause:ATTEMPT",
                "queue.pause:SUCCESS", "queue.pause:ATTEMPT");
        assertThat(entries.getFirst().outcome()).isEqualTo(AuditOutcome.SUCCESS);
    }

    @Test
    void unknownQueueIs404() {
        Api.assertProblem(Api.post(TestTokens.owner(), "/owner/queues/nope/pause", null), 404);
        Api.assertProblem(Api.get(TestTokens.owner(), "/owner/queues/dlq/metrics"), 404);
    }
}
