package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.keys.QueueKeys;
import io.streamq.monitor.service.MonitorService;
import io.streamq.security.audit.AuditEntry;
import io.streamq.security.audit.AuditKind;
import io.streamq.security.audit.AuditLog;
import io.streamq.security.audit.AuditQuery;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET/PUT /owner/queues/{q}/limits}: the config's defaults (here 2 per minute and max active 1 on plugins),
 * an owner's overrides that claims obey at once, policies, audit, every bad input refused by field with nothing
 * saved, and the limits in the queue metrics and Prometheus.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@TestProfile(OwnerLimitsTest.PluginDefaults.class)
class OwnerLimitsTest {

    public static class PluginDefaults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamq.queue.plugins.rate-limit.jobs", "2", "streamq.queue.plugins.rate-limit.per", "PT1M",
                    "streamq.queue.plugins.max-active", "1");
        }
    }

    private static final QueueName Q = QueueName.PLUGINS;
    private static final String PATH = "/owner/queues/plugins/limits";
    private static final String HOOK = "{\"pluginId\":\"p-1\",\"hook\":\"h\",\"url\":\"https://example.com/h\","
            + "\"event\":{}}";

    @Inject
    Drive drive;
    @Inject
    AuditLog audit;
    @Inject
    MonitorService monitor;

    @BeforeEach
    void reset() {
        TestRedis.command("FLUSHALL");
    }

    @Test
    void getAnswersTheConfigDefaultsAndWhereEachComesFrom() {
        JsonPath limits = Api.get(TestTokens.policies("dash", "READ"), PATH).then().statusCode(200).extract()
                .jsonPath();

        assertThat(limits.getString("queue")).isEqualTo("plugins");
        assertThat(limits.getMap("rateLimit")).isEqualTo(Map.of("jobs", 2, "perMs", 60000));
        assertThat(limits.getInt("maxActive")).isEqualTo(1);
        assertThat(limits.getMap("source")).isEqualTo(Map.of("rateLimit", "config", "maxActive", "config"));
        assertThat(limits.getMap("defaults.rateLimit")).isEqualTo(Map.of("jobs", 2, "perMs", 60000));
    }

    @Test
    void anOwnersNoLimitBeatsTheConfigAndClaimsObeyAtOnceThenTheDefaultsComeBack() {
        String actor = "limiter-" + System.nanoTime();
        drive.enqueue(JobType.PLUGIN_EXECUTE_HOOK, 5, HOOK);
        assertThat(drive.claim(Q, "w-1", 5)).hasSize(1);
        assertThat(drive.claimResult(Q, "w-1")).isInstanceOf(ClaimResult.Limited.class);

        JsonPath set = put(TestTokens.owner(actor), "{\"rateLimit\": null, \"maxActive\": null}").then()
                .statusCode(200).extract().jsonPath();
        assertThat(set.getMap("$")).containsEntry("rateLimit", null).containsEntry("maxActive", null);
        assertThat(set.getMap("source")).isEqualTo(Map.of("rateLimit", "owner", "maxActive", "owner"));
        assertThat(drive.claim(Q, "w-2", 5)).hasSize(4);

        JsonPath back = put(TestTokens.owner(actor), "{}").then().statusCode(200).extract().jsonPath();
        assertThat(back.getInt("maxActive")).isEqualTo(1);
        assertThat(back.getMap("source")).isEqualTo(Map.of("rateLimit", "config", "maxActive", "config"));
        drive.enqueue(JobType.PLUGIN_EXECUTE_HOOK, 1, HOOK);
        assertThat(drive.claimResult(Q, "w-2")).isInstanceOf(ClaimResult.Limited.class);

        List<AuditEntry> entries = audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor).queue("plugins"))
                .await().atMost(Duration.ofSeconds(10)).items();
        assertThat(entries).extracting(e -> e.action() + ":" + e.outcome()).containsExactly(
                "queue.limits:SUCCESS", "queue.limits:ATTEMPT", "queue.limits:SUCCESS", "queue.limits:ATTEMPT");
        assertThat(entries.get(2).params()).isEqualTo(Map.of("rateLimit", "none", "maxActive", "none"));
        assertThat(entries.getFirst().params()).isEqualTo(Map.of("rateLimit", "config", "maxActive", "config"));
    }

    @Test
    void aReadTokenReadsButCannotChangeAndNothingIsSaved() {
        Api.assertProblem(put(TestTokens.policies("dash", "READ"), "{\"maxActive\": 5}"), 403);
        Api.assertProblem(put(null, "{\"maxActive\": 5}"), 401);

        assertThat(Api.get(TestTokens.owner(), PATH).jsonPath().getInt("maxActive")).isEqualTo(1);
        assertThat(TestRedis.command("EXISTS", QueueKeys.of(Q).limits())).isEqualTo("0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"rateLimit\": {\"jobs\": 0, \"perMs\": 1000}}                | rateLimit.jobs",
            "{\"rateLimit\": {\"jobs\": -5, \"perMs\": 1000}}               | rateLimit.jobs",
            "{\"rateLimit\": {\"jobs\": 5, \"perMs\": 0}}                   | rateLimit.perMs",
            "{\"rateLimit\": {\"jobs\": 5, \"perMs\": 86400001}}            | rateLimit.perMs",
            "{\"rateLimit\": {\"jobs\": 5}}                                 | rateLimit.perMs",
            "{\"rateLimit\": {\"jobs\": \"5\", \"perMs\": 1000}}            | rateLimit.jobs",
            "{\"rateLimit\": {\"jobs\": 5, \"perMs\": 1000, \"burst\": 2}}  | rateLimit.burst",
            "{\"rateLimit\": \"100/s\"}                                     | rateLimit",
            "{\"maxActive\": 0}                                             | maxActive",
            "{\"maxActive\": -3}                                            | maxActive",
            "{\"maxActive\": 1.5}                                           | maxActive",
            "{\"maxActive\": \"8\"}                                         | maxActive",
            "{\"maxActive\": 8, \"priority\": 1}                            | priority",
            "{\"maxActive\": 8, \"rateLimit\": {\"jobs\": 0, \"perMs\": 1}} | rateLimit.jobs",
            "[]                                                             | body",
    })
    void badInputIsRefusedNamingTheFieldAndNothingIsSaved(String body, String field) {
        Response r = Api.assertProblem(put(TestTokens.owner(), body), 400);

        assertThat(r.jsonPath().getList("errors.field", String.class)).as(body).containsExactly(field);
        assertThat(TestRedis.command("EXISTS", QueueKeys.of(Q).limits())).isEqualTo("0");
    }

    @Test
    void malformedJsonAndUnknownQueuesAreProblems() {
        Api.assertProblem(put(TestTokens.owner(), "{\"maxActive\": "), 400);
        Api.assertProblem(Api.put(TestTokens.owner(), "/owner/queues/nope/limits", "{\"maxActive\": 2}"), 404);
        Api.assertProblem(Api.get(TestTokens.owner(), "/owner/queues/dlq/limits"), 404);
    }

    @Test
    void theLimitsShowInTheQueueMetricsAndPrometheus() {
        put(TestTokens.owner(), "{\"rateLimit\": {\"jobs\": 5, \"perMs\": 60000}, \"maxActive\": 2}").then()
                .statusCode(200);
        drive.enqueue(JobType.PLUGIN_EXECUTE_HOOK, 4, HOOK);
        assertThat(drive.claim(Q, "w-1", 4)).hasSize(2);

        monitor.refresh(Q).await().atMost(Duration.ofSeconds(10));
        JsonPath m = Api.get(TestTokens.owner(), "/owner/queues/plugins/metrics").then().statusCode(200).extract()
                .jsonPath();
        assertThat(m.getMap("metrics.limits.rateLimit")).isEqualTo(Map.of("jobs", 5, "perMs", 60000));
        assertThat(m.getInt("metrics.limits.maxActive")).isEqualTo(2);
        assertThat(m.getInt("metrics.limits.rateFreeStarts")).isEqualTo(3);
        assertThat(m.getList("metrics.limits.holding", String.class)).containsExactly("max-active");

        String prometheus = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(prometheus).contains(
                "streamq_queue_rate_limit_jobs{queue=\"plugins\"} 5.0",
                "streamq_queue_rate_limit_period_seconds{queue=\"plugins\"} 60.0",
                "streamq_queue_max_active{queue=\"plugins\"} 2.0",
                "streamq_queue_limit_holding{limit=\"max-active\",queue=\"plugins\"} 1.0",
                "streamq_queue_limit_holding{limit=\"rate\",queue=\"plugins\"} 0.0");
    }

    private static Response put(String token, String body) {
        return Api.put(token, PATH, body);
    }
}
