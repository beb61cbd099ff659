package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint: no token 401, producer 403, READ token only reads, OWNER everything. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class AuthMatrixTest {

    record Endpoint(String method, String path, String body, boolean read) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/owner/queues", null, true),
                new Endpoint("GET", "/owner/queues/stats", null, true),
                new Endpoint("GET", "/owner/queues/metrics", null, true),
                new Endpoint("GET", "/owner/queues/health", null, true),
                new Endpoint("GET", "/owner/queues/system/metrics", null, true),
                new Endpoint("GET", "/owner/queues/system/workers", null, true),
                new Endpoint("GET", "/owner/queues/system/processing-times?limit=5", null, true),
                new Endpoint("GET", "/owner/queues/system/failure-reasons?limit=5", null, true),
                new Endpoint("GET", "/owner/queues/system/throughput?minutes=5", null, true),
                new Endpoint("GET", "/owner/queues/alerts?limit=5", null, true),
                new Endpoint("GET", "/owner/platform/health", null, true),
                new Endpoint("GET", "/owner/queues/system/jobs?state=failed", null, true),
                new Endpoint("GET", "/owner/queues/system/jobs/system-1", null, true),
                new Endpoint("GET", "/owner/queues/system/jobs/system-1/logs", null, true),
                new Endpoint("GET", "/owner/audit?limit=5", null, true),
                new Endpoint("GET", "/owner/queues/system/limits", null, true),
                new Endpoint("PUT", "/owner/queues/system/limits", "{}", false),
                new Endpoint("POST", "/owner/queues/system/jobs/system-424242/retry", null, false),
                new Endpoint("POST", "/owner/queues/system/jobs/system-424242/remove", null, false),
                new Endpoint("POST", "/owner/queues/system/jobs/bulk-retry", "{\"ids\":[\"system-424242\"]}", false),
                new Endpoint("POST", "/owner/queues/system/jobs/bulk-remove", "{\"ids\":[\"system-424242\"]}", false),
                new Endpoint("POST", "/owner/queues/system/jobs/system-424242/cancel", null, false),
                new Endpoint("POST", "/owner/queues/system/jobs/bulk-cancel", "{\"ids\":[\"system-424242\"]}", false),
                new Endpoint("POST", "/owner/queues/system/jobs/cancel-by-filter", "{\"jobName\":\"system.cleanup\"}",
                        false),
                new Endpoint("POST", "/owner/queues/system/jobs/by-filter/retry", "{\"state\":\"failed\"}", false),
                new Endpoint("POST", "/owner/queues/system/jobs/by-filter/remove", "{\"state\":\"failed\"}", false),
                new Endpoint("POST", "/owner/queues/system/pause", null, false),
                new Endpoint("POST", "/owner/queues/system/resume", null, false),
                new Endpoint("POST", "/owner/queues/purge", "{\"queue\":\"system\"}", false));
    }

    private static Response call(String token, Endpoint e) {
        return switch (e.method()) {
            case "GET" -> Api.get(token, e.path());
            case "PUT" -> Api.put(token, e.path(), e.body());
            default -> Api.post(token, e.path(), e.body());
        };
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void noTokenIs401(Endpoint e) {
        Response r = Api.assertProblem(call(null, e), 401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void producerIs403(Endpoint e) {
        Api.assertProblem(call(TestTokens.producerAs("app-1", "t-1"), e), 403);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void readTokenReadsButCannotChange(Endpoint e) {
        Response r = call(TestTokens.policies("dashboard-1", "READ"), e);
        if (e.read()) {
            // The job details of a job that does not exist: authorised, then not found.
            assertThat(r.statusCode()).as(r.asString()).isIn(200, 404);
            if (!e.path().contains("/jobs/system-1")) {
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
            }
        } else {
            Api.assertProblem(r, 403);
        }
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void ownerIsAllowed(Endpoint e) {
        Response r = call(TestTokens.owner(), e);
        // Authorised: success, the purge's confirm step (202), or the answer about the (absent) job.
        assertThat(r.statusCode()).as(e + " " + r.asString()).isIn(200, 202, 404);
        if (!e.path().contains("system-")) {
            assertThat(r.statusCode()).as(e + " " + r.asString()).isIn(200, 202);
        }
    }
}
