package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimedJob;
import io.streamq.security.audit.AuditEntry;
import io.streamq.security.audit.AuditKind;
import io.streamq.security.audit.AuditLog;
import io.streamq.security.audit.AuditQuery;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retry and remove by filter (the console's "select all N matching"): a proposal, then the confirmed call acts on
 * every matching job, more than one page of the list, and on none other. Each test marks its payloads with a
 * marker of its own, so other tests' jobs in the ai queue never match its search.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ActByFilterTest {

    static final QueueName Q = QueueName.AI;
    static final String JOBS = "/owner/queues/ai/jobs/";
    static final String PAYLOAD = "{\"prompt\":\"haiku about %s\",\"model\":\"m\"}";
    static final long LATER = 3_600_000;

    @Inject
    Drive drive;
    @Inject
    AuditLog audit;

    @Test
    void retriesEveryFailedJobTheSearchMatchesBeyondOnePage() {
        String actor = "filter-retrier-" + System.nanoTime();
        String token = TestTokens.owner(actor);
        String marker = "retry-marker-" + System.nanoTime();
        List<String> mine = failed(marker, 25);
        List<String> others = failed("other-" + System.nanoTime(), 2);
        String body = "{\"state\":\"failed\",\"search\":\"" + marker + "\"}";

        JsonPath proposal = proposed(token, "retry", body);
        assertThat(proposal.getLong("summary.matching")).isEqualTo(25);
        assertThat(proposal.getBoolean("summary.limited")).isFalse();
        assertThat(state(mine.getFirst())).isEqualTo("failed");
        // The token is bound to its filter.
        Api.assertProblem(Api.as(token).header("X-Confirm-Token", proposal.getString("token"))
                .body("{\"state\":\"failed\"}").post(JOBS + "by-filter/retry"), 409);

        JsonPath done = confirmed(token, "retry", body, proposal.getString("token"));
        assertThat(done.getLong("matched")).isEqualTo(25);
        assertThat(done.getLong("done")).isEqualTo(25);
        assertThat(done.getLong("refused")).isZero();
        assertThat(done.getLong("errors")).isZero();
        assertThat(done.getString("action")).isEqualTo("retried");
        assertThat(done.getList("firstDone", String.class)).containsExactlyInAnyOrderElementsOf(mine);
        mine.forEach(id -> assertThat(state(id)).as(id).isEqualTo("waiting"));
        others.forEach(id -> assertThat(state(id)).as(id).isEqualTo("failed"));
        // The list reads the change at once.
        assertThat(Api.get(token, JOBS + "?state=failed&search=" + marker).jsonPath().getLong("total")).isZero();

        List<AuditEntry> entries = audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor)
                .action("job.retry.filter")).await().atMost(Drive.WAIT).items();
        assertThat(entries).extracting(e -> e.outcome().name()).containsExactly("SUCCESS", "ATTEMPT");
        assertThat(entries.getLast().target().filters()).containsEntry("state", "failed")
                .containsEntry("search", marker);
    }

    @Test
    void removesEveryDelayedJobOfTheState() {
        String token = TestTokens.owner("filter-remover");
        String marker = "remove-marker-" + System.nanoTime();
        List<String> delayed = drive.enqueueFor("t-1", LATER, JobType.AI_GENERATE_TEXT, 3, PAYLOAD.formatted(marker));
        String waiting = drive.enqueue(JobType.AI_GENERATE_TEXT, 1, PAYLOAD.formatted(marker)).getFirst();
        String body = "{\"state\":\"delayed\"}";

        JsonPath proposal = proposed(token, "remove", body);
        assertThat(proposal.getLong("summary.matching")).isGreaterThanOrEqualTo(3);
        JsonPath done = confirmed(token, "remove", body, proposal.getString("token"));
        assertThat(done.getLong("done")).isGreaterThanOrEqualTo(3);
        assertThat(done.getList("firstDone", String.class)).containsAll(delayed).doesNotContain(waiting);
        delayed.forEach(id -> Api.assertProblem(Api.get(token, JOBS + id), 404));
        assertThat(state(waiting)).isEqualTo("waiting");
    }

    @Test
    void aBadFilterIsRefusedNamingTheField() {
        String token = TestTokens.owner("filter-checker");
        assertThat(badFields(token, "retry", "{}")).containsExactly("state");
        assertThat(badFields(token, "retry", "{\"state\":\"waiting\"}")).containsExactly("state");
        assertThat(badFields(token, "remove", "{\"state\":\"active\",\"search\":7}"))
                .containsExactlyInAnyOrder("state", "search");
        assertThat(badFields(token, "remove", "{\"state\":\"failed\",\"serach\":\"x\"}")).containsExactly("serach");
        Api.assertProblem(Api.post(TestTokens.policies("viewer", "READ"), JOBS + "by-filter/retry",
                "{\"state\":\"failed\"}"), 403);
        Api.assertProblem(Api.post(TestTokens.policies("manager", "MANAGE"), JOBS + "by-filter/remove",
                "{\"state\":\"failed\"}"), 403);
    }

    /** {@code n} ai jobs with {@code marker} in their payload, failed for good (other waiting ai jobs complete). */
    private List<String> failed(String marker, int n) {
        List<String> ids = drive.enqueue(JobType.AI_GENERATE_TEXT, n, PAYLOAD.formatted(marker));
        for (ClaimedJob job : drive.claim(Q, "w-filter", 1000)) {
            if (ids.contains(job.jobId())) {
                drive.fail(job, "w-filter", 10, "boom", "failed for the filter");
            } else {
                drive.complete(Q, "w-filter", job, 1);
            }
        }
        return ids;
    }

    private static List<String> badFields(String token, String action, String body) {
        return Api.assertProblem(Api.post(token, JOBS + "by-filter/" + action, body), 400).jsonPath()
                .getList("errors.field", String.class);
    }

    private static JsonPath proposed(String token, String action, String body) {
        Response r = Api.post(token, JOBS + "by-filter/" + action, body);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        return r.jsonPath();
    }

    private static JsonPath confirmed(String token, String action, String body, String confirm) {
        Response r = Api.as(token).header("X-Confirm-Token", confirm).body(body).post(JOBS + "by-filter/" + action);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath();
    }

    private static String state(String jobId) {
        return Api.get(TestTokens.owner(), JOBS + jobId).then().statusCode(200).extract().jsonPath()
                .getString("state");
    }
}
