package io.streamq.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.keys.SecurityKeys;
import io.streamq.security.audit.AuditEntry;
import io.streamq.security.audit.AuditKind;
import io.streamq.security.audit.AuditLog;
import io.streamq.security.audit.AuditOutcome;
import io.streamq.security.audit.AuditQuery;
import io.streamq.security.audit.Page;
import io.streamq.security.config.SecurityConfig;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class AuditTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    AuditLog audit;

    @Inject
    SecurityConfig config;

    @Test
    void mutationsRecordAttemptAndOutcomeAndAreFoundByFilters() {
        String actor = "auditor-" + System.nanoTime();
        String token = TestTokens.owner(actor);
        String q = "audit-q-" + System.nanoTime();
        Instant before = Instant.now().minusSeconds(1);
        AuthMatrixTest.bearer(token).header("X-Request-Id", "req-audit-1").post("/test/queues/" + q + "/pause")
                .then().statusCode(200).header("X-Request-Id", "req-audit-1");
        AuthMatrixTest.bearer(token).queryParam("fail", true).post("/test/queues/" + q + "/pause")
                .then().statusCode(500);

        List<AuditEntry> entries = audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor)).await().atMost(WAIT)
                .items();
        assertThat(entries).hasSize(4);
        // Newest first: error outcome, its attempt, success outcome, its attempt.
        assertThat(entries).extracting(AuditEntry::outcome).containsExactly(AuditOutcome.ERROR, AuditOutcome.ATTEMPT,
                AuditOutcome.SUCCESS, AuditOutcome.ATTEMPT);
        AuditEntry success = entries.get(2);
        assertThat(success.action()).isEqualTo("queue.pause");
        assertThat(success.target().queue()).isEqualTo(q);
        assertThat(success.params()).containsEntry("reason", "test");
        assertThat(success.clientIp()).isEqualTo("127.0.0.1");
        assertThat(success.requestId()).isEqualTo("req-audit-1");
        assertThat(success.attemptId()).isEqualTo(entries.get(3).id());
        assertThat(success.at()).isAfter(before);
        assertThat(entries.get(0).error()).isEqualTo("IllegalStateException");

        assertThat(audit.query(AuditQuery.of(AuditKind.MUTATION).queue(q).outcome(AuditOutcome.SUCCESS))
                .await().atMost(WAIT).items()).extracting(AuditEntry::id).containsExactly(success.id());
        assertThat(audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor).action("queue.purge"))
                .await().atMost(WAIT).items()).isEmpty();
        assertThat(audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor).between(before, success.at()))
                .await().atMost(WAIT).items()).hasSize(2);
        assertThat(audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor)
                        .between(Instant.now().plusSeconds(60), Instant.now().plusSeconds(120)))
                .await().atMost(WAIT).items()).isEmpty();
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        String actor = "pager-" + System.nanoTime();
        String token = TestTokens.owner(actor);
        for (int i = 0; i < 5; i++) {
            AuthMatrixTest.bearer(token).post("/test/queues/page-q/pause").then().statusCode(200);
        }
        Set<String> seen = new HashSet<>();
        AuditQuery query = AuditQuery.of(AuditKind.MUTATION).actor(actor).page(null, 3);
        int pages = 0;
        String cursor;
        do {
            Page<AuditEntry> page = audit.query(query).await().atMost(WAIT);
            page.items().forEach(e -> assertThat(seen.add(e.id())).isTrue());
            cursor = page.next();
            query = query.page(cursor, 3);
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).hasSize(10);
        assertThat(pages).isBetween(4, 5);
    }

    @Test
    void sensitiveReadsRecordDataAccess() {
        String actor = "reader-" + System.nanoTime();
        AuthMatrixTest.bearer(TestTokens.policies(actor, "READ")).get("/test/jobs/email-7/payload").then()
                .statusCode(200).body("id", equalTo("email-7"));
        List<AuditEntry> access = audit.query(AuditQuery.of(AuditKind.DATA_ACCESS).actor(actor).jobId("email-7"))
                .await().atMost(WAIT).items();
        assertThat(access).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("job.payload.read");
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(e.target().queue()).isEqualTo("email");
        });
    }

    /**
     * The audit store refuses writes (the stream key holds a value of another type, so Redis answers WRONGTYPE: a
     * real failure of the real store, no mock): the mutation is refused with 503 and does not run; a sensitive read
     * returns no data.
     */
    @Test
    void auditWriteFailureFailsClosedWith503() {
        String q = "audit-down-" + System.nanoTime();
        String token = TestTokens.owner("owner-503");
        RedisTestResource.server().command("SET", SecurityKeys.auditStream() + "-saved", "x");
        RedisTestResource.server().command("RENAME", SecurityKeys.auditStream(), SecurityKeys.auditStream() + "-saved");
        RedisTestResource.server().command("SET", SecurityKeys.auditStream(), "not-a-stream");
        RedisTestResource.server().command("SET", SecurityKeys.dataAccessStream() + "-saved", "x");
        RedisTestResource.server().command("RENAME", SecurityKeys.dataAccessStream(),
                SecurityKeys.dataAccessStream() + "-saved");
        RedisTestResource.server().command("SET", SecurityKeys.dataAccessStream(), "not-a-stream");
        try {
            AuthMatrixTest.bearer(token).post("/test/queues/" + q + "/pause").then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("type", equalTo("urn:problem-type:streamq:audit-unavailable"))
                    .body("detail", containsString("not performed"));
            assertThat(TestOwnerResource.PAUSES.get(q)).isNull();

            AuthMatrixTest.bearer(token).get("/test/jobs/email-8/payload").then()
                    .statusCode(503)
                    .body("detail", containsString("not returned"))
                    .body(org.hamcrest.Matchers.not(containsString("x@example.com")));
        } finally {
            RedisTestResource.server().command("RENAME", SecurityKeys.auditStream() + "-saved",
                    SecurityKeys.auditStream());
            RedisTestResource.server().command("RENAME", SecurityKeys.dataAccessStream() + "-saved",
                    SecurityKeys.dataAccessStream());
        }
        AuthMatrixTest.bearer(token).post("/test/queues/" + q + "/pause").then().statusCode(200);
    }

    /** A replica whose Redis is unreachable cannot record: the library fails rather than pretending. */
    @Test
    void unreachableStoreFailsTheRecord() {
        int closedPort = io.streamq.testing.RedisTestServer.freePort();
        try (SecondReplica dead = new SecondReplica("redis://127.0.0.1:" + closedPort)) {
            AuditLog deadLog = new AuditLog(dead.scripts, dead.redis, config);
            Throwable failure = catchThrowable(() -> deadLog.record(new AuditEntry(null, null, AuditKind.MUTATION,
                    "x", "queue.pause", null, null, AuditOutcome.ATTEMPT, null, null, null, null))
                    .await().atMost(WAIT));
            assertThat(failure).isNotNull();
        }
    }

    /** The append script keeps the stream near its count bound (trimming whole macro nodes, never below it). */
    @Test
    void appendTrimsTheStreamToItsBound() {
        String stream = SecurityKeys.auditStream() + ":bound-test";
        try (SecondReplica replica = new SecondReplica(RedisTestResource.server().uri())) {
            for (int i = 0; i < 400; i++) {
                replica.scripts.run(io.streamq.core.script.ScriptCall.of(
                                        io.streamq.core.script.SecurityCommands.AUDIT_APPEND).key("stream", stream)
                                .arg("max entries", 10).arg("retention ms", config.audit().retention().toMillis())
                                .arg("field", "action").arg("value", "a" + i))
                        .await().atMost(WAIT);
            }
        }
        long length = Long.parseLong(RedisTestResource.server().command("XLEN", stream));
        assertThat(length).isBetween(10L, 200L);
        RedisTestResource.server().command("DEL", stream);
    }
}
