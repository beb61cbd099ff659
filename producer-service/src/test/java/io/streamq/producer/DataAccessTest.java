package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.keys.SecurityKeys;
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
import static io.streamq.producer.Api.sampleJob;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /v1/jobs/{id} returns the payload, so every read is in the library's data-access log, or fails. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class DataAccessTest {

    @Inject
    AuditLog auditLog;

    @Test
    void readIsLoggedWithActorJobAndQueue() {
        String actor = "reader-" + UUID.randomUUID();
        String token = TestTokens.producerAs(actor, Api.newTenant());
        String id = Api.post(token, sampleJob().toString()).jsonPath().getString("id");

        Response read = Api.get(token, "/v1/jobs/" + id);
        assertThat(read.statusCode()).isEqualTo(200);

        List<AuditEntry> found = query(AuditQuery.of(AuditKind.DATA_ACCESS).actor(actor).jobId(id));
        assertThat(found).hasSize(1);
        AuditEntry entry = found.getFirst();
        assertThat(entry.action()).isEqualTo("job.read");
        assertThat(entry.target().queue()).isEqualTo("ai");
        assertThat(entry.target().jobIds()).containsExactly(id);
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(entry.requestId()).isEqualTo(read.header("X-Request-Id"));
    }

    @Test
    void invisibleJobIsNotLoggedAsAccess() {
        String actor = "prober-" + UUID.randomUUID();
        String other = Api.post(TestTokens.producerOf(Api.newTenant()), sampleJob().toString()).jsonPath()
                .getString("id");
        assertProblem(Api.get(TestTokens.producerAs(actor, Api.newTenant()), "/v1/jobs/" + other), 404);
        assertThat(query(AuditQuery.of(AuditKind.DATA_ACCESS).actor(actor))).isEmpty();
    }

    @Test
    void readFailsClosedWhenTheLogCannotBeWritten() {
        String token = TestTokens.producerOf(Api.newTenant());
        String id = Api.post(token, sampleJob().toString()).jsonPath().getString("id");
        String stream = SecurityKeys.dataAccessStream();
        // Keep whatever the stream held; a string under its key makes the real Redis refuse the append.
        String saved = TestRedis.command("EXISTS", stream).equals("1") ? "saved-" + UUID.randomUUID() : null;
        if (saved != null) {
            TestRedis.command("RENAME", stream, saved);
        }
        try {
            TestRedis.command("SET", stream, "not-a-stream");
            Response r = Api.get(token, "/v1/jobs/" + id);
            assertProblem(r, 503);
            assertThat(r.jsonPath().getString("type")).isEqualTo("urn:problem-type:streamq:audit-unavailable");
            assertThat(r.header("Retry-After")).isEqualTo("5");
            assertThat(r.asString()).doesNotContain("payload").doesNotContain("prompt");
        } finally {
            TestRedis.command("DEL", stream);
            if (saved != null) {
                TestRedis.command("RENAME", saved, stream);
            }
        }
        assertThat(Api.get(token, "/v1/jobs/" + id).statusCode()).isEqualTo(200);
    }

    private List<AuditEntry> query(AuditQuery q) {
        return auditLog.query(q).await().atMost(Duration.ofSeconds(10)).items();
    }
}
