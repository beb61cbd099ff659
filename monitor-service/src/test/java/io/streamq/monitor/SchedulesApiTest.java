package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.security.audit.AuditEntry;
import io.streamq.security.audit.AuditKind;
import io.streamq.security.audit.AuditLog;
import io.streamq.security.audit.AuditQuery;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The owner schedules API: every endpoint, its policy, its audit entries, and every bad input refused whole. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class SchedulesApiTest {

    @Inject
    AuditLog audit;

    private static final String EVERY_MINUTE = """
            {"id":"%s","jobName":"system.cleanup","payload":{"olderThanHours":24},"cron":"* * * * *",
             "timezone":"Europe/Berlin","missedRuns":"run-once"}""";

    private static Response put(String token, String path, String body) {
        return Api.as(token).body(body).put(path);
    }

    private static Response delete(String token, String path) {
        return Api.as(token).delete(path);
    }

    @Test
    void anOwnerCreatesReadsChangesPausesResumesRunsAndDeletesASchedule() {
        String actor = "scheduler-" + System.nanoTime();
        String owner = TestTokens.owner(actor);
        String id = "cleanup-" + System.nanoTime();

        Response created = Api.post(owner, "/owner/schedules", EVERY_MINUTE.formatted(id));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/owner/schedules/" + id);
        assertThat(created.jsonPath().getString("queue")).isEqualTo("system");
        assertThat(created.jsonPath().getString("origin")).isEqualTo("api");
        assertThat(created.jsonPath().getInt("payload.olderThanHours")).isEqualTo(24);
        List<Long> nextRuns = created.jsonPath().getList("nextRuns", Long.class);
        assertThat(nextRuns).hasSize(5).isSorted().allMatch(t -> t % 60_000 == 0);
        assertThat(nextRuns.get(1) - nextRuns.get(0)).isEqualTo(60_000);
        assertThat(created.jsonPath().getLong("nextDueAt")).isEqualTo(nextRuns.getFirst());
        assertThat(created.jsonPath().getInt("runs")).isZero();

        Response read = Api.get(TestTokens.policies("reader", "READ"), "/owner/schedules/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.jsonPath().getString("timezone")).isEqualTo("Europe/Berlin");
        assertThat(Api.get(owner, "/owner/schedules").jsonPath().getList("id", String.class)).contains(id);

        Response changed = put(owner, "/owner/schedules/" + id, """
                {"jobName":"system.cleanup","payload":{"olderThanHours":48},"everyMs":60000}""");
        assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(200);
        assertThat(changed.jsonPath().getLong("everyMs")).isEqualTo(60_000);
        assertThat(changed.jsonPath().getString("cron")).isNull();
        assertThat(changed.jsonPath().getString("missedRuns")).isEqualTo("skip");

        Response paused = Api.post(owner, "/owner/schedules/" + id + "/pause", null);
        assertThat(paused.jsonPath().getBoolean("enabled")).isFalse();
        assertThat(paused.jsonPath().getList("nextRuns")).isEmpty();
        assertThat(paused.jsonPath().getString("nextDueAt")).isNull();
        Response resumed = Api.post(owner, "/owner/schedules/" + id + "/resume", null);
        assertThat(resumed.jsonPath().getBoolean("enabled")).isTrue();
        assertThat(resumed.jsonPath().getList("nextRuns")).hasSize(5);

        Response ran = Api.post(owner, "/owner/schedules/" + id + "/run-now", null);
        assertThat(ran.statusCode()).as(ran.asString()).isEqualTo(200);
        String jobId = ran.jsonPath().getString("jobId");
        assertThat(jobId).startsWith("system-");
        assertThat(Api.get(owner, "/owner/queues/system/jobs/" + jobId).jsonPath().getInt("payload.olderThanHours"))
                .isEqualTo(48);
        Response afterRun = Api.get(owner, "/owner/schedules/" + id);
        assertThat(afterRun.jsonPath().getInt("runs")).isEqualTo(1);
        assertThat(afterRun.jsonPath().getString("lastRunAt")).isNotNull();
        assertThat(afterRun.jsonPath().getLong("nextDueAt")).isEqualTo(resumed.jsonPath().getLong("nextDueAt"));

        Response deleted = delete(owner, "/owner/schedules/" + id);
        assertThat(deleted.statusCode()).isEqualTo(200);
        Api.assertProblem(Api.get(owner, "/owner/schedules/" + id), 404);
        Api.assertProblem(delete(owner, "/owner/schedules/" + id), 404);

        List<AuditEntry> entries = audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor))
                .await().atMost(Duration.ofSeconds(10)).items();
        assertThat(entries).extracting(e -> e.action() + ":" + e.outcome()).containsExactly(
                "schedule.delete:SUCCESS", "schedule.delete:ATTEMPT", "schedule.run-now:SUCCESS",
                "schedule.run-now:ATTEMPT", "schedule.resume:SUCCESS", "schedule.resume:ATTEMPT",
                "schedule.pause:SUCCESS", "schedule.pause:ATTEMPT", "schedule.change:SUCCESS",
                "schedule.change:ATTEMPT", "schedule.create:SUCCESS", "schedule.create:ATTEMPT");
        assertThat(entries).allMatch(e -> "system".equals(e.target().queue())
                && id.equals(e.params().get("schedule")));
    }

    @Test
    void readCannotChangeAndManageCannotDelete() {
        String id = "policies-" + System.nanoTime();
        String reader = TestTokens.policies("reader", "READ");
        String manager = TestTokens.policies("manager", "READ", "MANAGE");
        String base = "/owner/schedules/" + id;

        Api.assertProblem(Api.post(reader, "/owner/schedules", EVERY_MINUTE.formatted(id)), 403);
        Api.assertProblem(Api.get(reader, base), 404);
        assertThat(Api.post(manager, "/owner/schedules", EVERY_MINUTE.formatted(id)).statusCode()).isEqualTo(201);

        Api.assertProblem(put(reader, base, EVERY_MINUTE.formatted(id)), 403);
        for (String action : List.of("pause", "resume", "run-now")) {
            Api.assertProblem(Api.post(reader, base + "/" + action, null), 403);
            assertThat(Api.post(manager, base + "/" + action, null).statusCode()).as(action).isEqualTo(200);
        }
        Api.assertProblem(delete(reader, base), 403);
        Api.assertProblem(delete(manager, base), 403);
        Api.assertProblem(Api.get(null, "/owner/schedules"), 401);
        Api.assertProblem(Api.get(TestTokens.producerAs("app-1", "t-1"), "/owner/schedules"), 403);
        assertThat(Api.get(reader, base).statusCode()).isEqualTo(200);
        assertThat(delete(TestTokens.policies("deleter", "DELETE"), base).statusCode()).isEqualTo(200);
    }

    record Bad(String what, String body, String field) {
        @Override
        public String toString() {
            return what;
        }
    }

    static List<Bad> badInputs() {
        String base = "\"id\":\"bad\",\"jobName\":\"system.cleanup\",\"payload\":{\"olderThanHours\":24}";
        return List.of(
                new Bad("invalid cron", "{" + base + ",\"cron\":\"61 * * * *\"}", "cron"),
                new Bad("six-field cron", "{" + base + ",\"cron\":\"0 0 * * * *\"}", "cron"),
                new Bad("a cron that never fires", "{" + base + ",\"cron\":\"0 0 31 2 *\"}", "cron"),
                new Bad("unknown zone", "{" + base + ",\"cron\":\"0 * * * *\",\"timezone\":\"Mars/Olympus\"}",
                        "timezone"),
                new Bad("payload failing its contract", "{\"id\":\"bad\",\"jobName\":\"system.cleanup\","
                        + "\"payload\":{\"olderThanHours\":0},\"everyMs\":1000}", "payload.olderThanHours"),
                new Bad("payload with an unknown field", "{\"id\":\"bad\",\"jobName\":\"system.cleanup\","
                        + "\"payload\":{\"olderThanHours\":1,\"x\":1},\"everyMs\":1000}", "payload.x"),
                new Bad("both cron and everyMs", "{" + base + ",\"cron\":\"0 * * * *\",\"everyMs\":1000}", "cron"),
                new Bad("neither cron nor everyMs", "{" + base + "}", "cron"),
                new Bad("everyMs below 1000", "{" + base + ",\"everyMs\":999}", "everyMs"),
                new Bad("timezone with everyMs", "{" + base + ",\"everyMs\":1000,\"timezone\":\"UTC\"}", "timezone"),
                new Bad("endAt before startAt", "{" + base + ",\"everyMs\":1000,\"startAt\":4102444800000,"
                        + "\"endAt\":4102444000000}", "endAt"),
                new Bad("endAt passed", "{" + base + ",\"everyMs\":1000,\"endAt\":1000}", "endAt"),
                new Bad("maxRuns 0", "{" + base + ",\"everyMs\":1000,\"maxRuns\":0}", "maxRuns"),
                new Bad("maxRuns negative", "{" + base + ",\"everyMs\":1000,\"maxRuns\":-3}", "maxRuns"),
                new Bad("unknown field", "{" + base + ",\"everyMs\":1000,\"colour\":\"red\"}", "colour"),
                new Bad("unknown job type", "{\"id\":\"bad\",\"jobName\":\"system.nope\",\"payload\":{},"
                        + "\"everyMs\":1000}", "jobName"),
                new Bad("internal job type", "{\"id\":\"bad\",\"jobName\":\"dlq.replay\",\"payload\":{},"
                        + "\"everyMs\":1000}", "jobName"),
                new Bad("bad id", "{\"id\":\"Bad Id\",\"jobName\":\"system.cleanup\","
                        + "\"payload\":{\"olderThanHours\":1},\"everyMs\":1000}", "id"),
                new Bad("missedRuns unknown", "{" + base + ",\"everyMs\":1000,\"missedRuns\":\"all\"}", "missedRuns"),
                new Bad("enabled not a boolean", "{" + base + ",\"everyMs\":1000,\"enabled\":\"yes\"}", "enabled"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsAProblemNamingTheFieldAndNothingIsSaved(Bad bad) {
        String owner = TestTokens.owner();
        Response r = Api.assertProblem(Api.post(owner, "/owner/schedules", bad.body()), 400);

        assertThat(r.jsonPath().getList("errors.field", String.class)).as(r.asString()).contains(bad.field());
        Api.assertProblem(Api.get(owner, "/owner/schedules/bad"), 404);
        assertThat(Api.get(owner, "/owner/schedules").jsonPath().getList("id", String.class)).doesNotContain("bad");
    }

    @Test
    void aBadChangeIsRefusedWholeAndTheScheduleStaysAsItWas() {
        String owner = TestTokens.owner();
        String id = "steady-" + System.nanoTime();
        assertThat(Api.post(owner, "/owner/schedules", EVERY_MINUTE.formatted(id)).statusCode()).isEqualTo(201);
        String path = "/owner/schedules/" + id;
        String before = Api.get(owner, path).asString();

        Response otherQueue = Api.assertProblem(put(owner, path, """
                {"jobName":"analytics.aggregate-daily","payload":{},"cron":"5 0 * * *"}"""), 400);
        assertThat(otherQueue.jsonPath().getList("errors.field", String.class)).containsExactly("jobName");
        Response otherId = Api.assertProblem(put(owner, path, """
                {"id":"other","jobName":"system.cleanup","payload":{"olderThanHours":1},"everyMs":5000}"""), 400);
        assertThat(otherId.jsonPath().getList("errors.field", String.class)).containsExactly("id");
        Response badCron = Api.assertProblem(put(owner, path, """
                {"jobName":"system.cleanup","payload":{"olderThanHours":1},"cron":"every day"}"""), 400);
        assertThat(badCron.jsonPath().getList("errors.field", String.class)).containsExactly("cron");

        assertThat(Api.get(owner, path).asString()).isEqualTo(before);
        Api.assertProblem(put(owner, "/owner/schedules/absent", EVERY_MINUTE.formatted("absent")), 404);
        Api.assertProblem(Api.post(owner, "/owner/schedules", EVERY_MINUTE.formatted(id)), 409);
    }
}
