package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.keys.QueueKeys;
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
import java.util.UUID;

import static io.streamq.producer.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /v1/jobs/{id}/cancel: a producer stops its own tenant's unfinished jobs, and only those. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class CancelTest {

    static final String TYPE = "plugin.sync";
    static final QueueName QUEUE = QueueName.PLUGINS;

    @Inject
    TestWorker worker;

    @Inject
    AuditLog auditLog;

    private final String subject = "canceller-" + UUID.randomUUID();
    private final String tenant = Api.newTenant();
    private final String token = TestTokens.producerAs(subject, tenant);

    static String enqueue(String token, long delayMs) {
        Response r = Api.post(token, Api.job(TYPE, PayloadExamples.valid(TYPE)).put("delayMs", delayMs).toString());
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        return r.jsonPath().getString("id");
    }

    static Response cancel(String token, String id) {
        return Api.as(token).post("/v1/jobs/" + id + "/cancel");
    }

    @Test
    void waitingJobIsCancelledAndReadsBackAsSuch() {
        String id = enqueue(token, 0);

        Response r = cancel(token, id);

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.jsonPath().getString("id")).isEqualTo(id);
        assertThat(r.jsonPath().getString("queue")).isEqualTo(QUEUE.wireName());
        assertThat(r.jsonPath().getString("state")).isEqualTo("cancelled");
        assertThat(r.jsonPath().getString("from")).isEqualTo("waiting");
        Response read = Api.get(token, "/v1/jobs/" + id);
        assertThat(read.jsonPath().getString("state")).isEqualTo("cancelled");
        assertThat(read.jsonPath().getString("cancelledBy")).isEqualTo(subject);
        assertThat(read.jsonPath().getString("cancelledFrom")).isEqualTo("waiting");
        assertThat(read.jsonPath().getString("finishedAt")).isNotNull();
    }

    @Test
    void delayedJobIsCancelledAndLeavesTheSchedule() {
        String id = enqueue(token, Duration.ofHours(1).toMillis());

        Response r = cancel(token, id);

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.jsonPath().getString("state")).isEqualTo("cancelled");
        assertThat(r.jsonPath().getString("from")).isEqualTo("delayed");
        assertThat(TestRedis.command("ZSCORE", QueueKeys.of(QUEUE).delayed(), id)).isNull();
        assertThat(Api.get(token, "/v1/jobs/" + id).jsonPath().getString("state")).isEqualTo("cancelled");
    }

    @Test
    void activeJobIsCancelledAndItsWorkersOutcomeRefused() {
        String id = enqueue(token, 0);
        ClaimedJob running = worker.claim(QUEUE, id);

        Response r = cancel(token, id);

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.jsonPath().getString("from")).isEqualTo("active");
        assertThat(worker.tryComplete(running)).isFalse();
        assertThat(Api.get(token, "/v1/jobs/" + id).jsonPath().getString("state")).isEqualTo("cancelled");
    }

    @Test
    void anotherTenantsJobIs404AndLeftAlone() {
        String id = enqueue(TestTokens.producerOf(Api.newTenant()), 0);

        assertProblem(cancel(token, id), 404);

        assertThat(TestRedis.jobField(QUEUE, id, "state")).isEqualTo("waiting");
        assertThat(TestRedis.jobField(QUEUE, id, "cancelledBy")).isNull();
    }

    @Test
    void ownerMayCancelAnyTenantsJob() {
        String id = enqueue(TestTokens.producerOf(Api.newTenant()), 0);

        Response r = cancel(TestTokens.owner(), id);

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(TestRedis.jobField(QUEUE, id, "state")).isEqualTo("cancelled");
    }

    @Test
    void finishedJobIs409NamingItsState() {
        String completed = enqueue(token, 0);
        worker.complete(worker.claim(QUEUE, completed));
        String cancelled = enqueue(token, 0);
        assertThat(cancel(token, cancelled).statusCode()).isEqualTo(200);

        Response r = assertProblem(cancel(token, completed), 409);
        assertThat(r.jsonPath().getString("detail")).contains(completed).contains("completed");
        Response again = assertProblem(cancel(token, cancelled), 409);
        assertThat(again.jsonPath().getString("detail")).contains("cancelled");
        assertThat(TestRedis.jobField(QUEUE, completed, "state")).isEqualTo("completed");
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        assertProblem(cancel(token, QUEUE.wireName() + "-999999999"), 404);
        assertProblem(cancel(token, "nope"), 404);
        assertProblem(cancel(token, "zzz-1"), 404);
    }

    @Test
    void producerWithoutTenantIs403() {
        String id = enqueue(token, 0);
        assertProblem(cancel(TestTokens.producer("no-tenant"), id), 403);
        assertThat(TestRedis.jobField(QUEUE, id, "state")).isEqualTo("waiting");
    }

    @Test
    void cancelIsAuditedWithItsActorAndOutcome() {
        String id = enqueue(token, 0);
        String foreign = enqueue(TestTokens.producerOf(Api.newTenant()), 0);

        Response r = cancel(token, id);
        cancel(token, foreign);

        List<AuditEntry> entries = auditLog.query(AuditQuery.of(AuditKind.MUTATION).actor(subject).jobId(id))
                .await().atMost(TestWorker.WAIT).items();
        assertThat(entries).extracting(AuditEntry::outcome)
                .containsExactlyInAnyOrder(AuditOutcome.ATTEMPT, AuditOutcome.SUCCESS);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo("job.cancel");
            assertThat(e.target().queue()).isEqualTo(QUEUE.wireName());
            assertThat(e.requestId()).isEqualTo(r.header("X-Request-Id"));
        });
        // A refused attempt on another tenant's job is on record too, as an error.
        assertThat(auditLog.query(AuditQuery.of(AuditKind.MUTATION).actor(subject).jobId(foreign))
                .await().atMost(TestWorker.WAIT).items())
                .extracting(AuditEntry::outcome).containsExactlyInAnyOrder(AuditOutcome.ATTEMPT, AuditOutcome.ERROR);
    }
}
