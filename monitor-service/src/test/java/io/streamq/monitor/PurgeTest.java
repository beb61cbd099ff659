package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.keys.QueueKeys;
import io.streamq.security.audit.AuditEntry;
import io.streamq.security.audit.AuditKind;
import io.streamq.security.audit.AuditLog;
import io.streamq.security.audit.AuditQuery;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Purge asks first, refuses a bad token, then removes exactly the queue's non-active jobs. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class PurgeTest {

    static final QueueName Q = QueueName.EMAIL;
    static final String BODY = "{\"queue\":\"email\"}";

    @Inject
    Drive drive;
    @Inject
    AuditLog audit;

    @Test
    void purgeNeedsTheConfirmTokenAndLeavesOtherQueuesAndActiveJobs() {
        String actor = "purger-" + System.nanoTime();
        String token = TestTokens.owner(actor);
        List<String> email = drive.enqueue(JobType.EMAIL_SEND_DIGEST, 5, "{\"userId\":\"u-1\",\"period\":\"weekly\"}");
        List<String> system = drive.enqueue(JobType.SYSTEM_CLEANUP, 3, "{\"olderThanHours\":72}");
        List<ClaimedJob> active = drive.claim(Q, "w-purge", 2);
        drive.complete(Q, "w-purge", active.get(0), 10);
        ClaimedJob running = active.get(1);

        // First call: nothing destroyed, a summary and a token.
        Response first = Api.post(token, "/owner/queues/purge", BODY);
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(202);
        assertThat(first.jsonPath().getLong("summary.jobs")).isEqualTo(4);
        assertThat(first.jsonPath().getLong("summary.activeLeftToFinish")).isEqualTo(1);
        String confirm = first.jsonPath().getString("token");

        Response forged = Api.as(token).header("X-Confirm-Token", "not-a-token").body(BODY).post("/owner/queues/purge");
        Api.assertProblem(forged, 409);
        Response otherQueue = Api.as(token).header("X-Confirm-Token", confirm).body("{\"queue\":\"system\"}")
                .post("/owner/queues/purge");
        Api.assertProblem(otherQueue, 409);
        assertThat(otherQueue.jsonPath().getString("type")).endsWith(":mismatch");
        assertThat(jobExists(Q, email.get(4))).isTrue();

        Response done = Api.as(token).header("X-Confirm-Token", confirm).body(BODY).post("/owner/queues/purge");
        assertThat(done.statusCode()).as(done.asString()).isEqualTo(200);
        assertThat(done.jsonPath().getLong("total")).isEqualTo(4);
        assertThat(done.jsonPath().getLong("waiting")).isEqualTo(3);
        assertThat(done.jsonPath().getLong("completed")).isEqualTo(1);
        assertThat(done.jsonPath().getLong("activeLeft")).isEqualTo(1);

        for (String id : email) {
            assertThat(jobExists(Q, id)).as(id).isEqualTo(id.equals(running.jobId()));
        }
        for (String id : system) {
            assertThat(jobExists(QueueName.SYSTEM, id)).as(id).isTrue();
        }
        // The running job finishes normally after the purge.
        drive.complete(Q, "w-purge", running, 10);
        assertThat(TestRedis.command("HGET", QueueKeys.of(Q).counts(), "waiting")).isEqualTo("0");
        assertThat(TestRedis.command("HGET", QueueKeys.of(Q).counts(), "active")).isEqualTo("0");
        assertThat(TestRedis.command("XLEN", QueueKeys.of(Q).stream())).isEqualTo("0");

        // Single use.
        Response again = Api.as(token).header("X-Confirm-Token", confirm).body(BODY).post("/owner/queues/purge");
        Api.assertProblem(again, 409);

        List<AuditEntry> entries = audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor).action("queue.purge"))
                .await().atMost(Duration.ofSeconds(10)).items();
        assertThat(entries).extracting(e -> e.outcome().name()).containsExactly("SUCCESS", "ATTEMPT");
    }

    static boolean jobExists(QueueName q, String id) {
        return "1".equals(TestRedis.command("EXISTS", QueueKeys.of(q).job(id)));
    }
}
