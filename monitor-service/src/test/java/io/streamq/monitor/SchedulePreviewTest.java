package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /owner/schedules/preview: the fire times a create would answer, from the same rules; nothing is saved. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class SchedulePreviewTest {

    private static final String PREVIEW = "/owner/schedules/preview";

    private static List<String> instants(Response r) {
        return r.jsonPath().getList("nextRuns", Long.class).stream()
                .map(t -> Instant.ofEpochMilli(t).toString()).toList();
    }

    private static List<String> ids(String token) {
        return Api.get(token, "/owner/schedules").jsonPath().getList("id", String.class);
    }

    @Test
    void aPreviewShowsTheTimesTheCreateAnswersAcrossADaylightSavingChange() {
        String owner = TestTokens.owner();
        String id = "preview-dst-" + System.nanoTime();
        // 2030-03-10 02:00 EST jumps to 03:00 EDT: 02:30 does not exist that day (docs/schedules.md).
        String body = """
                {"id":"%s","jobName":"system.cleanup","payload":{"olderThanHours":24},"cron":"30 2 * * *",
                 "timezone":"America/New_York","startAt":%d}""".formatted(id, Instant.parse("2030-03-08T00:00:00Z")
                .toEpochMilli());

        Response preview = Api.post(owner, PREVIEW, body);

        assertThat(preview.statusCode()).as(preview.asString()).isEqualTo(200);
        assertThat(instants(preview)).containsExactly("2030-03-08T07:30:00Z", "2030-03-09T07:30:00Z",
                "2030-03-11T06:30:00Z", "2030-03-12T06:30:00Z", "2030-03-13T06:30:00Z");
        assertThat(ids(owner)).as("a preview saves nothing").doesNotContain(id);
        Response created = Api.post(owner, "/owner/schedules", body);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.jsonPath().getList("nextRuns", Long.class))
                .isEqualTo(preview.jsonPath().getList("nextRuns", Long.class));
    }

    @Test
    void anUnnamedIntervalPreviewFollowsItsStartMaxRunsAndPause() {
        String reader = TestTokens.policies("reader", "READ");
        long start = Instant.parse("2031-01-01T00:00:00Z").toEpochMilli();
        String every = """
                {"jobName":"system.health-check","payload":{},"everyMs":90000,"startAt":%d%s}""";

        Response five = Api.post(reader, PREVIEW, every.formatted(start, ""));
        assertThat(five.statusCode()).as(five.asString()).isEqualTo(200);
        assertThat(five.jsonPath().getList("nextRuns", Long.class))
                .containsExactly(start, start + 90_000, start + 180_000, start + 270_000, start + 360_000);
        assertThat(Api.post(reader, PREVIEW, every.formatted(start, ",\"maxRuns\":2")).jsonPath()
                .getList("nextRuns", Long.class)).containsExactly(start, start + 90_000);
        assertThat(Api.post(reader, PREVIEW, every.formatted(start, ",\"enabled\":false")).jsonPath()
                .getList("nextRuns")).isEmpty();
        assertThat(ids(TestTokens.owner())).doesNotContain("preview");
    }

    @Test
    void aBadFieldIsAProblemNamingIt() {
        String owner = TestTokens.owner();
        String base = "\"jobName\":\"system.cleanup\",\"payload\":{\"olderThanHours\":24}";
        Map<String, String> fieldOf = Map.of(
                "{" + base + ",\"cron\":\"61 * * * *\"}", "cron",
                "{" + base + ",\"cron\":\"0 0 31 2 *\"}", "cron",
                "{" + base + ",\"cron\":\"0 * * * *\",\"timezone\":\"Mars/Olympus\"}", "timezone",
                "{\"jobName\":\"system.cleanup\",\"payload\":{\"olderThanHours\":0},\"everyMs\":1000}",
                "payload.olderThanHours",
                "{\"id\":\"Bad Id\"," + base + ",\"everyMs\":1000}", "id",
                "{\"jobName\":\"dlq.replay\",\"payload\":{},\"everyMs\":1000}", "jobName",
                "[]", "");
        fieldOf.forEach((body, field) -> {
            Response r = Api.assertProblem(Api.post(owner, PREVIEW, body), 400);
            assertThat(r.jsonPath().getList("errors.field", String.class)).as(body).contains(field);
        });
    }

    @Test
    void onlyOwnerTokensMayPreview() {
        String body = "{\"jobName\":\"system.health-check\",\"payload\":{},\"everyMs\":60000}";
        Api.assertProblem(Api.post(null, PREVIEW, body), 401);
        Api.assertProblem(Api.post(TestTokens.producerAs("app-1", "t-1"), PREVIEW, body), 403);
        Api.assertProblem(Api.get(TestTokens.producerAs("app-1", "t-1"), "/owner/schedules/_job-types"), 403);
    }

    @Test
    void theJobTypesAreThoseAScheduleMayEnqueueWithTheirQueues() {
        Response r = Api.get(TestTokens.policies("reader", "READ"), "/owner/schedules/_job-types");

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        List<String> names = r.jsonPath().getList("jobTypes.name", String.class);
        assertThat(names).contains("system.cleanup", "plugin.execute-hook", "email.send-transactional").isSorted()
                .noneMatch(n -> n.startsWith("dlq."));
        assertThat(r.jsonPath().getString("jobTypes.find { it.name == 'analytics.aggregate-daily' }.queue"))
                .isEqualTo("analytics");
    }
}
