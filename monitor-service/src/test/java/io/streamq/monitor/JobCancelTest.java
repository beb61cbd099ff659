package io.streamq.monitor;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.JobLogLine;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.JobReports;
import io.streamq.monitor.service.MonitorService;
import io.streamq.security.audit.AuditEntry;
import io.streamq.security.audit.AuditKind;
import io.streamq.security.audit.AuditLog;
import io.streamq.security.audit.AuditQuery;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancel one job, a bulk of ids, or every unfinished job of a type and/or tenant (double confirm), on workflows.
 * Each test has tenants of its own; workflow.execute-step jobs are only made by the filter test.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class JobCancelTest {

    static final QueueName Q = QueueName.WORKFLOWS;
    static final String JOBS = "/owner/queues/workflows/jobs/";
    static final String RUN = "{\"workflowId\":\"wf_1\"}";
    static final String STEP = "{\"runId\":\"run_1\",\"stepId\":\"step_1\"}";
    static final long LATER = 3_600_000;

    @Inject
    Drive drive;
    @Inject
    AuditLog audit;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    MonitorService monitor;
    @Inject
    JobReports reports;

    @Test
    void cancelsWaitingDelayedAndActiveJobsOneByOne() {
        String actor = "canceller-" + System.nanoTime();
        String token = TestTokens.owner(actor);
        String tenant = "t-single-" + System.nanoTime();
        String done = completedRun(tenant);
        String running = run(tenant, 0);
        ClaimedJob lease = drive.claimOnly(Q, "w-cancel", running);
        String waiting = run(tenant, 0);
        String delayed = run(tenant, LATER);

        List<String> events = new CopyOnWriteArrayList<>();
        ReactiveRedisSubscriber subscriber = redis.pubsub(String.class)
                .subscribe(Channels.OWNER_ACTIONS, m -> {
                    if (m.contains(actor)) {
                        events.add(m);
                    }
                }).await().atMost(Drive.WAIT);
        try {
            for (String id : List.of(waiting, delayed, running)) {
                JsonPath r = Api.post(token, JOBS + id + "/cancel", null).then().statusCode(200).extract().jsonPath();
                assertThat(r.getString("action")).isEqualTo("cancelled");
                assertThat(r.getString("id")).isEqualTo(id);
            }
            Drive.await("three owner-action events", () -> events.size() == 3);
        } finally {
            subscriber.unsubscribe().await().atMost(Drive.WAIT);
        }
        assertThat(events).allMatch(e -> e.contains("\"action\":\"job.cancel\""));
        assertThat(events.get(2)).contains("\"jobIds\":[\"" + running + "\"]", "\"previousState\":\"active\"");

        JsonPath detail = Api.get(token, JOBS + running).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getString("state")).isEqualTo("cancelled");
        assertThat(detail.getString("cancelledBy")).isEqualTo(actor);
        assertThat(detail.getString("cancelledFrom")).isEqualTo("active");
        assertThat(Api.get(token, JOBS + delayed).jsonPath().getString("cancelledFrom")).isEqualTo("delayed");
        // The lease went with the cancel: the worker's late outcome is refused.
        assertThat(drive.recorded(Q, "w-cancel", lease, 5)).isFalse();

        Response again = Api.assertProblem(Api.post(token, JOBS + waiting + "/cancel", null), 409);
        assertThat(again.jsonPath().getString("detail")).contains("is cancelled");
        Response finished = Api.assertProblem(Api.post(token, JOBS + done + "/cancel", null), 409);
        assertThat(finished.jsonPath().getString("detail")).contains("is completed");
        Api.assertProblem(Api.post(token, JOBS + "workflows-987654321/cancel", null), 404);
        Api.assertProblem(Api.post(token, JOBS + "ai-1/cancel", null), 404);
        Api.assertProblem(Api.post(TestTokens.policies("viewer", "READ"), JOBS + done + "/cancel", null), 403);

        JsonPath listed = Api.get(token, JOBS + "?state=cancelled&pageSize=100").then().statusCode(200).extract()
                .jsonPath();
        assertThat(listed.getList("data.id", String.class)).contains(running, waiting, delayed).doesNotContain(done);
        assertThat(Api.get(token, JOBS + "?state=cancelled&search=" + running).jsonPath()
                .getList("data.id", String.class)).contains(running).doesNotContain(done);

        List<AuditEntry> entries = audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor).action("job.cancel"))
                .await().atMost(Drive.WAIT).items();
        // The 404 for an id of another queue is answered before anything is audited; a 403 too.
        assertThat(entries).extracting(e -> e.outcome().name()).containsExactly("ERROR", "ATTEMPT", "ERROR",
                "ATTEMPT", "ERROR", "ATTEMPT", "SUCCESS", "ATTEMPT", "SUCCESS", "ATTEMPT", "SUCCESS", "ATTEMPT");

        // Counts: the kept cancelled jobs and the lifetime total, in the metrics and on Prometheus.
        monitor.refresh(Q).await().atMost(Drive.WAIT);
        JsonPath m = Api.get(token, "/owner/queues/workflows/metrics").then().statusCode(200).extract().jsonPath();
        long kept = m.getLong("metrics.counts.cancelled");
        long lifetime = m.getLong("metrics.lifetimeCancelled");
        assertThat(kept).isEqualTo(Long.parseLong(TestRedis.command("ZCARD", QueueKeys.of(Q).cancelled())))
                .isGreaterThanOrEqualTo(3);
        assertThat(lifetime).isGreaterThanOrEqualTo(kept);
        assertThat(Api.get(token, "/owner/queues/stats").jsonPath()
                .getLong("find { it.queue == 'workflows' }.counts.cancelled")).isEqualTo(kept);
        assertThat(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString()).contains(
                "streamq_queue_jobs{queue=\"workflows\",state=\"cancelled\"} " + kept + ".0",
                "streamq_queue_cancelled_jobs{queue=\"workflows\"} " + lifetime + ".0");
    }

    @Test
    void logsAndProgressOfARunningJob() {
        String actor = "log-reader-" + System.nanoTime();
        String token = TestTokens.owner(actor);
        String id = run("t-logs-" + System.nanoTime(), 0);
        ClaimedJob lease = drive.claimOnly(Q, "w-logs", id);
        long at = System.currentTimeMillis();
        reports.report(lease, "w-logs", "{\"percent\":40,\"data\":{\"page\":3}}", List.of(
                new JobLogLine(at, lease.attempt(), "fetched page 3"),
                new JobLogLine(at + 1, lease.attempt(), "parsed page 3"))).await().atMost(Drive.WAIT);

        JsonPath logs = Api.get(TestTokens.policies("viewer-" + actor, "READ"), JOBS + id + "/logs").then()
                .statusCode(200).extract().jsonPath();
        assertThat(logs.getString("jobId")).isEqualTo(id);
        assertThat(logs.getList("lines.line", String.class)).containsExactly("fetched page 3", "parsed page 3");
        assertThat(logs.getList("lines.attempt", Integer.class)).containsExactly(1, 1);
        assertThat(logs.getLong("lines[0].at")).isEqualTo(at);
        Api.assertProblem(Api.get(token, JOBS + "workflows-987654321/logs"), 404);
        Api.assertProblem(Api.get(token, JOBS + "ai-1/logs"), 404);

        JsonPath detail = Api.get(token, JOBS + id).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getInt("progress.percent")).isEqualTo(40);
        assertThat(detail.getInt("progress.data.page")).isEqualTo(3);
        assertThat(detail.getLong("progressAt")).isPositive();
        assertThat(detail.getList("logs.line", String.class)).containsExactly("fetched page 3", "parsed page 3");
        assertThat(detail.getString("cancelledBy")).isNull();

        List<AuditEntry> reads = audit.query(AuditQuery.of(AuditKind.DATA_ACCESS).jobId(id)).await()
                .atMost(Drive.WAIT).items();
        assertThat(reads).extracting(e -> e.action() + ":" + e.outcome()).containsExactly("job.read:SUCCESS",
                "job.logs:SUCCESS");
    }

    @Test
    void bulkCancelAnswersPerId() {
        String actor = "bulk-canceller-" + System.nanoTime();
        String token = TestTokens.owner(actor);
        String tenant = "t-bulk-" + System.nanoTime();
        String done = completedRun(tenant);
        String waiting = run(tenant, 0);
        String delayed = run(tenant, LATER);

        JsonPath r = Api.post(token, JOBS + "bulk-cancel", "{\"ids\":[\"%s\",\"%s\",\"%s\",\"workflows-987654321\",\"%s\"]}"
                .formatted(waiting, delayed, done, waiting)).then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("action")).isEqualTo("cancelled");
        assertThat(r.getInt("successCount")).isEqualTo(2);
        assertThat(r.getList("results.id", String.class)).containsExactly(waiting, delayed, done,
                "workflows-987654321");
        assertThat(r.getList("results.success", Boolean.class)).containsExactly(true, true, false, false);
        assertThat(r.getList("results.reason", String.class)).containsExactly("waiting", "delayed",
                "state:completed", "not-found");
        assertThat(Api.get(token, JOBS + delayed).jsonPath().getString("state")).isEqualTo("cancelled");

        Response refused = Api.assertProblem(Api.post(token, JOBS + "bulk-cancel",
                "{\"ids\":[\"%s\",\"ai-1\"]}".formatted(waiting)), 400);
        assertThat(refused.jsonPath().getList("errors.field", String.class)).containsExactly("ids[1]");

        List<AuditEntry> entries = audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor)).await()
                .atMost(Drive.WAIT).items();
        assertThat(entries).extracting(e -> e.action() + ":" + e.outcome()).containsExactly(
                "job.cancel.bulk:SUCCESS", "job.cancel.bulk:ATTEMPT");
    }

    @Test
    void cancelByFilterProposesThenCancelsOnlyTheMatchingJobs() {
        String actor = "filter-canceller-" + System.nanoTime();
        String token = TestTokens.owner(actor);
        String mine = "t-mine-" + System.nanoTime();
        String other = "t-other-" + System.nanoTime();
        String active = drive.enqueueFor(mine, 0, JobType.WORKFLOW_EXECUTE_STEP, 1, STEP).getFirst();
        ClaimedJob lease = drive.claimOnly(Q, "w-filter", active);
        List<String> steps = drive.enqueueFor(mine, 0, JobType.WORKFLOW_EXECUTE_STEP, 2, STEP);
        String stepLater = drive.enqueueFor(mine, LATER, JobType.WORKFLOW_EXECUTE_STEP, 1, STEP).getFirst();
        String run = run(mine, 0);
        String otherStep = drive.enqueueFor(other, 0, JobType.WORKFLOW_EXECUTE_STEP, 1, STEP).getFirst();
        String untouched = run(other, 0);

        // Type and tenant: a proposal first, nothing cancelled.
        String both = "{\"jobName\":\"workflow.execute-step\",\"tenant\":\"" + mine + "\"}";
        JsonPath proposal = confirmStep(token, both);
        assertThat(proposal.getLong("summary.matching")).isEqualTo(4);
        assertThat(proposal.getLong("summary.waiting")).isEqualTo(2);
        assertThat(proposal.getLong("summary.delayed")).isEqualTo(1);
        assertThat(proposal.getLong("summary.active")).isEqualTo(1);
        assertThat(proposal.getBoolean("summary.limited")).isFalse();
        assertThat(state(steps.getFirst())).isEqualTo("waiting");
        // The token is bound to its filter.
        Api.assertProblem(Api.as(token).header("X-Confirm-Token", proposal.getString("token"))
                .body("{\"tenant\":\"" + mine + "\"}").post(JOBS + "cancel-by-filter"), 409);

        JsonPath cancelled = confirmed(token, both, proposal.getString("token"));
        assertThat(cancelled.getLong("cancelled")).isEqualTo(4);
        assertThat(cancelled.getLong("active")).isEqualTo(1);
        assertThat(cancelled.getList("firstCancelled", String.class))
                .containsExactlyInAnyOrder(active, steps.get(0), steps.get(1), stepLater);
        assertThat(state(run)).isEqualTo("waiting");
        assertThat(state(otherStep)).isEqualTo("waiting");
        assertThat(drive.recorded(Q, "w-filter", lease, 5)).isFalse();

        // Tenant only, then type only.
        String tenantOnly = "{\"tenant\":\"" + mine + "\"}";
        assertThat(confirmed(token, tenantOnly, confirmStep(token, tenantOnly).getString("token"))
                .getLong("cancelled")).isEqualTo(1);
        assertThat(state(run)).isEqualTo("cancelled");
        String typeOnly = "{\"jobName\":\"workflow.execute-step\"}";
        JsonPath typeProposal = confirmStep(token, typeOnly);
        assertThat(typeProposal.getLong("summary.matching")).isEqualTo(1);
        assertThat(confirmed(token, typeOnly, typeProposal.getString("token")).getLong("cancelled")).isEqualTo(1);
        assertThat(state(otherStep)).isEqualTo("cancelled");
        assertThat(state(untouched)).isEqualTo("waiting");

        List<AuditEntry> entries = audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor)
                .action("job.cancel.filter")).await().atMost(Drive.WAIT).items();
        assertThat(entries).extracting(e -> e.outcome().name()).containsExactly("SUCCESS", "ATTEMPT", "SUCCESS",
                "ATTEMPT", "SUCCESS", "ATTEMPT");
        assertThat(entries.getLast().target().filters()).containsEntry("tenant", mine)
                .containsEntry("jobName", "workflow.execute-step");
    }

    @Test
    void aBadFilterIsRefusedNamingTheField() {
        String token = TestTokens.owner("filter-checker");
        assertThat(badFields(token, "{}")).containsExactly("body");
        assertThat(badFields(token, "{\"jobName\":\"ai.generate-text\"}")).containsExactly("jobName");
        assertThat(badFields(token, "{\"jobName\":\"workflow.nope\",\"tenant\":7}"))
                .containsExactlyInAnyOrder("jobName", "tenant");
        assertThat(badFields(token, "{\"tenant\":\"t-1\",\"jobname\":\"workflow.start-run\"}"))
                .containsExactly("jobname");
        Api.assertProblem(Api.post(TestTokens.policies("viewer", "READ"), JOBS + "cancel-by-filter",
                "{\"tenant\":\"t-1\"}"), 403);
    }

    /** A workflow.start-run job of {@code tenant}, due after {@code delayMs}. */
    private String run(String tenant, long delayMs) {
        return drive.enqueueFor(tenant, delayMs, JobType.WORKFLOW_START_RUN, 1, RUN).getFirst();
    }

    /** A run claimed and completed (everything else waiting in the queue is completed too). */
    private String completedRun(String tenant) {
        String id = run(tenant, 0);
        drive.complete(Q, "w-done", drive.claimOnly(Q, "w-done", id), 5);
        return id;
    }

    private static List<String> badFields(String token, String body) {
        return Api.assertProblem(Api.post(token, JOBS + "cancel-by-filter", body), 400).jsonPath()
                .getList("errors.field", String.class);
    }

    private static JsonPath confirmStep(String token, String body) {
        Response r = Api.post(token, JOBS + "cancel-by-filter", body);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        return r.jsonPath();
    }

    private static JsonPath confirmed(String token, String body, String confirm) {
        Response r = Api.as(token).header("X-Confirm-Token", confirm).body(body).post(JOBS + "cancel-by-filter");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath();
    }

    private static String state(String jobId) {
        return Api.get(TestTokens.owner(), JOBS + jobId).then().statusCode(200).extract().jsonPath()
                .getString("state");
    }
}
