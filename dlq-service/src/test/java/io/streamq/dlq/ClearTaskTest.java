package io.streamq.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.streamq.core.contract.Channels;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.keys.SecurityKeys;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.DlqTask;
import io.streamq.dlq.admin.ClearTasks;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A confirmed clear is a background task: 202 with the task, progress on GET, and an audit outcome with counts when it
 * ends, also when its replica died. The request waits no time for it here (profile), so every clear is a task.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@TestProfile(ClearTaskTest.NoInlineWait.class)
class ClearTaskTest {

    public static class NoInlineWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamq.dlq.clear.inline-wait", "PT0S");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENTRIES = 20_000;

    @Inject
    DlqStore store;

    @Inject
    ClearTasks tasks;

    @Inject
    RedisDataSource redis;

    @Test
    void confirmedClearAnswers202ShowsProgressAndAuditsItsOutcomeWithCounts() throws Exception {
        List<DlqRecord> records = new ArrayList<>(ENTRIES);
        long t = System.currentTimeMillis() - 3_600_000;
        for (int i = 0; i < ENTRIES; i++) {
            records.add(new DlqRecord("analytics", "analytics-" + (500_000 + i), "analytics.clear", "E", "clear " + i,
                    "", "clear-task", t + i, t + i, 1, "{}", "", "", "", i % 3, "clear <n>"));
        }
        store.insert(records, 0, Duration.ofHours(50)).await().atMost(Duration.ofSeconds(60));
        List<JsonNode> cleared = new CopyOnWriteArrayList<>();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class).subscribe(Channels.DLQ_EVENTS,
                m -> cleared.add(read(m)));
        String owner = TestTokens.owner("janitor");
        String body = "{\"originalQueue\":\"analytics\"}";
        String token = given().auth().oauth2(owner).contentType("application/json").body(body)
                .post("/owner/dlq/clear").then().statusCode(202).body("summary.entries", equalTo(ENTRIES))
                .extract().path("token");

        Response started = given().auth().oauth2(owner).contentType("application/json")
                .header("X-Confirm-Token", token).body(body).post("/owner/queues/dlq/clear");
        started.then().statusCode(202).body("affected", nullValue()).body("task.state", equalTo("running"))
                .body("task.target", equalTo(ENTRIES)).body("filters.originalQueue", equalTo("analytics"));
        String id = started.path("task.taskId");
        assertThat(started.header("Location")).endsWith("/owner/queues/dlq/clear/" + id);

        long[] seen = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonPath task = given().auth().oauth2(TestTokens.policies("dashboard", "READ"))
                    .get(started.header("Location")).then().statusCode(200).extract().jsonPath();
            long removed = task.getLong("removed");
            assertThat(removed).isBetween(seen[0], (long) ENTRIES);
            seen[0] = removed;
            return task.getString("state").equals("succeeded");
        });
        given().auth().oauth2(owner).get("/owner/dlq/clear/" + id).then().statusCode(200)
                .body("removed", equalTo(ENTRIES)).body("actor", equalTo("janitor"))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());
        assertThat(redis.sortedSet(String.class).zcard(DlqKeys.byQueue("analytics"))).isZero();

        StreamMessage<String, String, String> attempt = audit(id, "ATTEMPT");
        StreamMessage<String, String, String> success = audit(id, "SUCCESS");
        assertThat(success.payload().get("attemptId")).isEqualTo(attempt.id());
        assertThat(JSON.readTree(success.payload().get("params")).get("removed").asInt()).isEqualTo(ENTRIES);
        assertThat(attempt.payload().get("actor")).isEqualTo("janitor");
        assertThat(attempt.payload().get("requestId")).isNotBlank().isEqualTo(success.payload().get("requestId"));
        assertThat(attempt.payload().get("ip")).isNotBlank();

        subscriber.unsubscribe();
        List<JsonNode> batches = new ArrayList<>();
        cleared.forEach(m -> m.get("events").forEach(e -> {
            if (e.get("type").asText().equals("cleared")) {
                batches.add(e);
            }
        }));
        assertThat(batches).allSatisfy(e -> assertThat(e.get("count").asInt()).isBetween(1, DlqStore.MAX_BATCH));
        assertThat(batches.stream().mapToInt(e -> e.get("count").asInt()).sum()).isEqualTo(ENTRIES);
    }

    /**
     * The cutoff is the time the first call showed the count: what fails after it stays, new entries and entries that
     * fail again alike. Here on a replay index, where the task checks each entry's lastFailedAt.
     */
    @Test
    void aClearRemovesOnlyWhatFailedBeforeTheOwnerWasShownTheCount() {
        long t = System.currentTimeMillis() - 3_600_000;
        List<DlqRecord> old = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            old.add(record("email-" + (700_000 + i), t + i, 1 + i % 2));
        }
        store.insert(old, 0, Duration.ofHours(50)).await().atMost(Duration.ofSeconds(30));
        String owner = TestTokens.owner("janitor");
        String body = "{\"originalQueue\":\"email\",\"minReplayCount\":1}";
        String token = given().auth().oauth2(owner).contentType("application/json").body(body)
                .post("/owner/dlq/clear").then().statusCode(202).body("summary.entries", equalTo(300))
                .extract().path("token");

        // After the owner saw the count: 50 new failures, and one counted entry's job fails again.
        long later = System.currentTimeMillis() + 60_000;
        List<DlqRecord> arrived = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            arrived.add(record("email-" + (700_500 + i), later + i, 1));
        }
        arrived.add(record("email-700007", later, 2));
        store.insert(arrived, 0, Duration.ofHours(50)).await().atMost(Duration.ofSeconds(30));

        String id = given().auth().oauth2(owner).contentType("application/json").header("X-Confirm-Token", token)
                .body(body).post("/owner/dlq/clear").then().statusCode(202).body("task.target", equalTo(350))
                .extract().path("task.taskId");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                given().auth().oauth2(owner).get("/owner/dlq/clear/" + id).jsonPath().getString("state")
                        .equals("succeeded"));
        given().auth().oauth2(owner).get("/owner/dlq/clear/" + id).then().statusCode(200)
                .body("removed", equalTo(299)).body("cutoff", org.hamcrest.Matchers.notNullValue());
        assertThat(redis.sortedSet(String.class).zrange(DlqKeys.replays("email"), 0, -1))
                .containsExactlyInAnyOrderElementsOf(arrived.stream().map(DlqRecord::originalJobId).toList());
        store.delete(arrived.stream().map(DlqRecord::originalJobId).toList(), "test").await()
                .atMost(Duration.ofSeconds(30));
    }

    private static DlqRecord record(String id, long lastFailedAt, int replayCount) {
        return new DlqRecord("email", id, "email.cutoff", "E", "cutoff", "", "clear-cutoff", lastFailedAt,
                lastFailedAt, 1, "{}", "", "", "", replayCount, "cutoff");
    }

    @Test
    void aTaskWhoseReplicaDiedIsEndedInterruptedAndAudited() throws Exception {
        // What a replica leaves behind when it dies right after starting a clear: a running task nobody advances.
        String id = UUID.randomUUID().toString();
        store.startTask(new DlqTask(id, DlqTask.RUNNING, DlqKeys.byQueue("system"), "-inf", "+inf", 0, 7, 0, "system",
                null, "ghost-owner", "1-1", "127.0.0.1", "req-ghost", 0, 0, null, null)).await()
                .atMost(Duration.ofSeconds(5));

        assertThat(tasks.reap(Duration.ofMinutes(1))).as("a fresh heartbeat: its replica may be alive").isZero();
        Thread.sleep(50);
        assertThat(tasks.reap(Duration.ofMillis(20))).isEqualTo(1);
        assertThat(tasks.reap(Duration.ofMillis(20))).as("ended once").isZero();

        given().auth().oauth2(TestTokens.owner("janitor")).get("/owner/dlq/clear/" + id).then().statusCode(200)
                .body("state", equalTo("interrupted")).body("removed", equalTo(0)).body("target", equalTo(7))
                .body("error", equalTo("its replica stopped responding"));
        StreamMessage<String, String, String> error = audit(id, "ERROR");
        assertThat(error.payload().get("attemptId")).isEqualTo("1-1");
        assertThat(error.payload().get("actor")).isEqualTo("ghost-owner");
        assertThat(error.payload().get("error")).contains("interrupted");
    }

    @Test
    void unknownOrMalformedTaskIdsAreProblems() {
        String owner = TestTokens.owner("janitor");
        given().auth().oauth2(owner).get("/owner/dlq/clear/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo("urn:problem-type:streamq:dlq:task-not-found"));
        given().auth().oauth2(owner).get("/owner/dlq/clear/not-a-task").then().statusCode(400)
                .body("errors[0].field", equalTo("taskId"));
    }

    private StreamMessage<String, String, String> audit(String taskId, String outcome) {
        return redis.stream(String.class).xrange(SecurityKeys.auditStream(), StreamRange.of("-", "+")).stream()
                .filter(m -> "dlq.clear".equals(m.payload().get("action"))
                        && outcome.equals(m.payload().get("outcome"))
                        && read(m.payload().get("params")).path("taskId").asText().equals(taskId))
                .findFirst().orElseThrow(() -> new AssertionError("no " + outcome + " audit entry for " + taskId));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
