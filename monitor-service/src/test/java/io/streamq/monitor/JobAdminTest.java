package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Listing, search, details, retry and remove of single jobs and bulks, with their audit entries. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class JobAdminTest {

    static final QueueName Q = QueueName.AI;
    static final String PAYLOAD = "{\"prompt\":\"haiku about %s\",\"model\":\"m\"}";

    @Inject
    Drive drive;
    @Inject
    AuditLog audit;

    @Test
    void retryAndRemoveSingleJobs() {
        String actor = "admin-" + System.nanoTime();
        String token = TestTokens.owner(actor);
        List<String> ids = drive.enqueue(JobType.AI_GENERATE_TEXT, 3, PAYLOAD.formatted("single"));
        // Claim everything waiting in ai (other tests' jobs too) and fail only ours.
        List<ClaimedJob> claimed = drive.claim(Q, "w-admin", 1000);
        ClaimedJob failing = claimed.stream().filter(j -> j.jobId().equals(ids.get(0))).findFirst().orElseThrow();
        ClaimedJob running = claimed.stream().filter(j -> j.jobId().equals(ids.get(1))).findFirst().orElseThrow();
        drive.fail(failing, "w-admin", 30, "invalid-payload", "nope");
        String waitingAgain = drive.enqueue(JobType.AI_GENERATE_TEXT, 1, PAYLOAD.formatted("waiting")).getFirst();
        long streamBefore = Long.parseLong(TestRedis.command("XLEN", QueueKeys.of(Q).stream()));

        // failed → waiting with a fresh budget.
        Response retried = Api.post(token, "/owner/queues/ai/jobs/" + failing.jobId() + "/retry", null);
        assertThat(retried.statusCode()).as(retried.asString()).isEqualTo(200);
        assertThat(retried.jsonPath().getString("previousState")).isEqualTo("failed");
        assertThat(TestRedis.command("HGET", QueueKeys.of(Q).job(failing.jobId()), "state")).isEqualTo("waiting");
        assertThat(TestRedis.command("HGET", QueueKeys.of(Q).job(failing.jobId()), "attempts")).isEqualTo("0");
        assertThat(Long.parseLong(TestRedis.command("XLEN", QueueKeys.of(Q).stream()))).isEqualTo(streamBefore + 1);
        // Only from failed.
        Api.assertProblem(Api.post(token, "/owner/queues/ai/jobs/" + failing.jobId() + "/retry", null), 409);
        Api.assertProblem(Api.post(token, "/owner/queues/ai/jobs/ai-999999/retry", null), 404);

        // The retried job is claimable again, as a fresh attempt 1.
        // Remove: active refused; waiting removed with its stream entry.
        Api.assertProblem(Api.post(token, "/owner/queues/ai/jobs/" + running.jobId() + "/remove", null), 409);
        Response removed = Api.post(token, "/owner/queues/ai/jobs/" + waitingAgain + "/remove", null);
        assertThat(removed.statusCode()).as(removed.asString()).isEqualTo(200);
        assertThat(removed.jsonPath().getString("previousState")).isEqualTo("waiting");
        assertThat(TestRedis.command("EXISTS", QueueKeys.of(Q).job(waitingAgain))).isEqualTo("0");
        assertThat(Long.parseLong(TestRedis.command("XLEN", QueueKeys.of(Q).stream()))).isEqualTo(streamBefore);
        Api.assertProblem(Api.post(token, "/owner/queues/ai/jobs/" + waitingAgain + "/remove", null), 404);

        List<ClaimedJob> next = drive.claim(Q, "w-admin-2", 1000);
        assertThat(next).extracting(ClaimedJob::jobId).containsExactly(failing.jobId());
        assertThat(next.getFirst().attempt()).isEqualTo(1);

        List<AuditEntry> entries = audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor)).await()
                .atMost(Duration.ofSeconds(10)).items();
        assertThat(entries).extracting(e -> e.action() + ":" + e.outcome()).contains(
                "job.retry:SUCCESS", "job.retry:ERROR", "job.remove:SUCCESS", "job.remove:ERROR");
        assertThat(entries.stream().filter(e -> e.action().equals("job.retry") && e.outcome().name().equals("ERROR"))
                .map(AuditEntry::error).toList()).anyMatch(e -> e.startsWith("409")).anyMatch(e -> e.startsWith("404"));
    }

    @Test
    void bulkRetryAndRemoveAnswerPerId() {
        String actor = "bulk-" + System.nanoTime();
        String token = TestTokens.owner(actor);
        List<String> ids = drive.enqueue(JobType.AI_GENERATE_TEXT, 2, PAYLOAD.formatted("bulk"));
        List<ClaimedJob> claimed = drive.claim(Q, "w-bulk", 1000);
        for (ClaimedJob job : claimed) {
            if (ids.contains(job.jobId())) {
                drive.fail(job, "w-bulk", 10, "boom", "failed in bulk");
            } else {
                drive.complete(Q, "w-bulk", job, 10);
            }
        }
        String waiting = drive.enqueue(JobType.AI_GENERATE_TEXT, 1, PAYLOAD.formatted("bulk-waiting")).getFirst();

        String body = "{\"ids\":[\"%s\",\"%s\",\"%s\",\"ai-888888\",\"%s\"]}"
                .formatted(ids.get(0), ids.get(1), waiting, ids.get(0));
        JsonPath retry = Api.post(token, "/owner/queues/ai/jobs/bulk-retry", body).then().statusCode(200).extract()
                .jsonPath();
        assertThat(retry.getInt("successCount")).isEqualTo(2);
        assertThat(retry.getInt("failureCount")).isEqualTo(2);
        assertThat(retry.getList("results.id", String.class)).containsExactly(ids.get(0), ids.get(1), waiting,
                "ai-888888");
        assertThat(retry.getList("results.reason", String.class)).containsExactly(null, null, "state:waiting",
                "not-found");

        JsonPath remove = Api.post(token, "/owner/queues/ai/jobs/bulk-remove",
                "{\"ids\":[\"%s\",\"%s\",\"ai-777777\"]}".formatted(ids.get(0), waiting)).then().statusCode(200)
                .extract().jsonPath();
        assertThat(remove.getList("results.success", Boolean.class)).containsExactly(true, true, false);
        assertThat(TestRedis.command("EXISTS", QueueKeys.of(Q).job(ids.get(0)))).isEqualTo("0");
        assertThat(TestRedis.command("EXISTS", QueueKeys.of(Q).job(ids.get(1)))).isEqualTo("1");

        Api.assertProblem(Api.post(token, "/owner/queues/ai/jobs/bulk-remove", "{\"ids\":[]}"), 400);
        StringBuilder tooMany = new StringBuilder("{\"ids\":[");
        for (int i = 0; i < 1001; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"ai-").append(i).append('"');
        }
        Api.assertProblem(Api.post(token, "/owner/queues/ai/jobs/bulk-retry", tooMany + "]}"), 400);

        List<AuditEntry> entries = audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor)).await()
                .atMost(Duration.ofSeconds(10)).items();
        assertThat(entries).extracting(e -> e.action() + ":" + e.outcome()).containsExactly(
                "job.remove.bulk:SUCCESS", "job.remove.bulk:ATTEMPT", "job.retry.bulk:SUCCESS",
                "job.retry.bulk:ATTEMPT");
        assertThat(entries.getFirst().target().jobIds()).containsExactly(ids.get(0), waiting, "ai-777777");
    }

    @Test
    void idsOfAnotherShapeOrQueueAreRefusedBeforeAnythingIsApplied() {
        String token = TestTokens.owner("ids-" + System.nanoTime());
        List<String> ids = drive.enqueue(JobType.AI_GENERATE_TEXT, 2, PAYLOAD.formatted("ids"));
        for (ClaimedJob job : drive.claim(Q, "w-ids", 1000)) {
            if (ids.contains(job.jobId())) {
                drive.fail(job, "w-ids", 10, "boom", "failed for the id check");
            } else {
                drive.complete(Q, "w-ids", job, 10);
            }
        }
        String waiting = drive.enqueue(JobType.AI_GENERATE_TEXT, 1, PAYLOAD.formatted("ids-waiting")).getFirst();
        String before = snapshot(ids.get(0), ids.get(1), waiting);

        // "<id>:payload" is the key of a job's payload string: before the check it reached that key, and WRONGTYPE
        // failed the bulk after the ids before it were applied.
        String body = "{\"ids\":[\"%s\",\"%s:payload\",\"email-1\",\"%s\",\"ai-\",\"AI-1\",\"%s\"]}"
                .formatted(ids.get(0), ids.get(1), waiting, ids.get(1));
        for (String action : List.of("bulk-retry", "bulk-remove")) {
            Response refused = Api.assertProblem(Api.post(token, "/owner/queues/ai/jobs/" + action, body), 400);
            assertThat(refused.jsonPath().getList("errors.field", String.class)).as(action)
                    .containsExactly("ids[1]", "ids[2]", "ids[4]", "ids[5]");
        }
        for (String path : List.of(ids.get(1) + ":payload/retry", waiting + ":payload/remove", "email-1/remove",
                "ai-1%20/retry")) {
            Api.assertProblem(Api.post(token, "/owner/queues/ai/jobs/" + path, null), 404);
        }
        assertThat(snapshot(ids.get(0), ids.get(1), waiting)).isEqualTo(before);

        // The same ids, well-formed, are applied.
        JsonPath retried = Api.post(token, "/owner/queues/ai/jobs/bulk-retry", "{\"ids\":[\"%s\",\"%s\"]}"
                .formatted(ids.get(0), ids.get(1))).then().statusCode(200).extract().jsonPath();
        assertThat(retried.getInt("successCount")).isEqualTo(2);
    }

    @Test
    void aBulkOfAThousandIdsIsAppliedWhole() {
        String token = TestTokens.owner("thousand-" + System.nanoTime());
        List<String> real = drive.enqueue(JobType.AI_GENERATE_TEXT, 5, PAYLOAD.formatted("thousand"));
        StringBuilder body = new StringBuilder("{\"ids\":[");
        for (int i = 0; i < 995; i++) {
            body.append('"').append("ai-").append(9_000_000 + i).append("\",");
        }
        body.append(real.stream().map(id -> '"' + id + '"').collect(Collectors.joining(",")));
        // A thousand scripts at once overflowed the Redis client's wait queue: a 503 after part was applied.
        Response removed = Api.post(token, "/owner/queues/ai/jobs/bulk-remove", body + "]}");
        assertThat(removed.statusCode()).as(removed.asString()).isEqualTo(200);
        assertThat(removed.jsonPath().getInt("successCount")).isEqualTo(5);
        assertThat(removed.jsonPath().getInt("failureCount")).isEqualTo(995);
        for (String id : real) {
            assertThat(TestRedis.command("EXISTS", QueueKeys.of(Q).job(id))).as(id).isEqualTo("0");
        }
    }

    /** States of the jobs, the queue's counters and index sizes, and whether each payload is still there. */
    private static String snapshot(String... jobIds) {
        QueueKeys k = QueueKeys.of(Q);
        StringBuilder out = new StringBuilder();
        for (String id : jobIds) {
            out.append(id).append('=').append(TestRedis.command("HGET", k.job(id), "state")).append(',')
                    .append(TestRedis.command("EXISTS", k.payload(id))).append(' ');
        }
        return out.append(TestRedis.command("HGETALL", k.counts()).replace('\n', ' '))
                .append(" xlen=").append(TestRedis.command("XLEN", k.stream()))
                .append(" failed=").append(TestRedis.command("ZCARD", k.failed()))
                .append(" completed=").append(TestRedis.command("ZCARD", k.completed())).toString();
    }

    @Test
    void listSearchAndDetails() {
        String actor = "reader-" + System.nanoTime();
        String token = TestTokens.owner(actor);
        String marker = "zebra" + System.nanoTime();
        List<String> ids = drive.enqueue(JobType.AI_GENERATE_TEXT, 3, PAYLOAD.formatted(marker));
        drive.enqueue(JobType.AI_GENERATE_TEXT, 2, PAYLOAD.formatted("other"));

        JsonPath found = Api.get(token, "/owner/queues/ai/jobs?state=waiting&search=" + marker.toUpperCase()
                + "&pageSize=2&page=1").then().statusCode(200).extract().jsonPath();
        assertThat(found.getLong("total")).isEqualTo(3);
        assertThat(found.getBoolean("searchLimited")).isFalse();
        assertThat(found.getList("data.id", String.class)).containsExactly(ids.get(0), ids.get(1));
        assertThat(found.getString("data[0].payload")).isNull();
        JsonPath page2 = Api.get(token, "/owner/queues/ai/jobs?state=waiting&search=" + marker + "&pageSize=2&page=2")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page2.getList("data.id", String.class)).containsExactly(ids.get(2));

        JsonPath all = Api.get(token, "/owner/queues/ai/jobs?state=waiting&pageSize=100").then().statusCode(200)
                .extract().jsonPath();
        assertThat(all.getList("data.id", String.class)).containsAll(ids);
        Api.assertProblem(Api.get(token, "/owner/queues/ai/jobs?state=dead"), 400);

        JsonPath details = Api.get(token, "/owner/queues/ai/jobs/" + ids.get(0)).then().statusCode(200).extract()
                .jsonPath();
        assertThat(details.getString("payload.prompt")).isEqualTo("haiku about " + marker);
        assertThat(details.getString("state")).isEqualTo("waiting");
        assertThat(details.getInt("priority")).isEqualTo(5);
        Api.assertProblem(Api.get(token, "/owner/queues/email/jobs/" + ids.get(0)), 404);
        String urgent = drive.enqueueAt(2, JobType.AI_GENERATE_TEXT, 1, PAYLOAD.formatted("other")).getFirst();
        assertThat(Api.get(token, "/owner/queues/ai/jobs/" + urgent).then().statusCode(200).extract().jsonPath()
                .getInt("priority")).isEqualTo(2);

        List<AuditEntry> reads = audit.query(AuditQuery.of(AuditKind.DATA_ACCESS).actor(actor)).await()
                .atMost(Duration.ofSeconds(10)).items();
        assertThat(reads).extracting(AuditEntry::action)
                .containsExactly("job.read", "job.read", "job.search", "job.search");
        assertThat(reads.get(0).target().jobIds()).containsExactly(urgent);
        assertThat(reads.get(1).target().jobIds()).containsExactly(ids.get(0));
    }
}
