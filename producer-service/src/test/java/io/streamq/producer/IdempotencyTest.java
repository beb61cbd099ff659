package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.streamq.producer.Api.sampleJob;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class IdempotencyTest {

    @Test
    void sameKeyTwiceReturnsTheSameJob() {
        String token = TestTokens.producerOf(Api.newTenant());
        String body = sampleJob().put("idempotencyKey", "order-" + UUID.randomUUID()).toString();
        long streamBefore = TestRedis.streamLength(QueueName.AI);

        Response first = Api.post(token, body);
        Response second = Api.post(token, body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.jsonPath().getString("createdAt")).isEqualTo(first.jsonPath().getString("createdAt"));
        assertThat(TestRedis.streamLength(QueueName.AI)).isEqualTo(streamBefore + 1);
    }

    @Test
    void keysAreScopedPerTenant() {
        String body = sampleJob().put("idempotencyKey", "shared-" + UUID.randomUUID()).toString();

        Response a = Api.post(TestTokens.producerOf(Api.newTenant()), body);
        Response b = Api.post(TestTokens.producerOf(Api.newTenant()), body);

        assertThat(a.statusCode()).isEqualTo(202);
        assertThat(b.statusCode()).isEqualTo(202);
        assertThat(b.jsonPath().getString("id")).isNotEqualTo(a.jsonPath().getString("id"));
    }

    @Test
    void aKeyWithAColonNeverMeetsAnotherTenantsKey() {
        // Issue 17: with "<tenant>:<key>", tenant acme + key corp:order-42 was tenant acme:corp + key order-42.
        String acme = "acme-" + UUID.randomUUID();
        String acmeCorp = acme + ":corp";
        Response first = Api.post(TestTokens.producerOf(acme), sampleJob().put("idempotencyKey", "corp:order-42")
                .toString());
        assertThat(first.statusCode()).isEqualTo(202);

        // A tenant id is never "acme:corp" (CallerResolver refuses it before anything is read or written) ...
        long dbBefore = TestRedis.dbSize();
        Response colliding = Api.post(TestTokens.producerOf(acmeCorp), sampleJob().put("idempotencyKey", "order-42")
                .toString());
        Api.assertProblem(colliding, 403);
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);

        // ... and a key of the same tenant that only ends alike is another key.
        Response other = Api.post(TestTokens.producerOf(acme), sampleJob().put("idempotencyKey", "order-42")
                .toString());
        assertThat(other.statusCode()).isEqualTo(202);
        assertThat(other.jsonPath().getString("id")).isNotEqualTo(first.jsonPath().getString("id"));
        Response again = Api.post(TestTokens.producerOf(acme), sampleJob().put("idempotencyKey", "corp:order-42")
                .toString());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
    }

    @Test
    void withoutAKeyEveryRequestIsANewJob() {
        String token = TestTokens.producerOf(Api.newTenant());
        String body = sampleJob().toString();
        assertThat(Api.post(token, body).jsonPath().getString("id"))
                .isNotEqualTo(Api.post(token, body).jsonPath().getString("id"));
    }

    @Test
    void debounceGivesTheNewestPayloadToTheWaitingJob() {
        String token = TestTokens.producerOf(Api.newTenant());
        String key = "digest-" + UUID.randomUUID();

        Response first = Api.post(token, debounced(key, "first").toString());
        Response second = Api.post(token, debounced(key, "second").toString());

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.jsonPath().getBoolean("debounced")).isTrue();
        String id = first.jsonPath().getString("id");
        assertThat(second.jsonPath().getString("id")).isEqualTo(id);
        assertThat(TestRedis.storedPayload(QueueName.AI, id)).contains("second").doesNotContain("first");
    }

    @Test
    void bulkCountsDebouncedItems() {
        String token = TestTokens.producerOf(Api.newTenant());
        String key = "bulk-" + UUID.randomUUID();

        Response r = Api.postBulk(token, "{\"jobs\":[" + debounced(key, "a") + "," + debounced(key, "b") + "]}");

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.jsonPath().getInt("accepted")).isEqualTo(1);
        assertThat(r.jsonPath().getInt("debounced")).isEqualTo(1);
        assertThat(r.jsonPath().getList("results.status")).containsExactly("accepted", "debounced");
    }

    @Test
    void aKeysOwnWindowAndPriorityAreStoredWithTheJob() {
        String token = TestTokens.producerOf(Api.newTenant());
        String key = "w-" + UUID.randomUUID();
        ObjectNode job = sampleJob().put("idempotencyKey", key).put("idempotencyWindowMs", 600_000)
                .put("priority", 2);

        Response r = Api.post(token, job.toString());

        assertThat(r.statusCode()).isEqualTo(202);
        String id = r.jsonPath().getString("id");
        assertThat(TestRedis.jobField(QueueName.AI, id, "priority")).isEqualTo("2");
        assertThat(Api.get(token, "/v1/jobs/" + id).jsonPath().getInt("priority")).isEqualTo(2);
        String plain = Api.post(token, sampleJob().toString()).jsonPath().getString("id");
        assertThat(Api.get(token, "/v1/jobs/" + plain).jsonPath().getInt("priority")).as("the default").isEqualTo(5);
        String keyName = TestRedis.command("KEYS", QueueKeys.of(QueueName.AI).idempotencyPrefix() + "*:" + key).strip();
        long ttl = Long.parseLong(TestRedis.command("PTTL", keyName));
        // Ten minutes, not the 24 h default; long enough not to expire under other tests that count keys.
        assertThat(ttl).as("the key expires with its own window").isBetween(1L, 600_000L);
    }

    private static ObjectNode debounced(String key, String prompt) {
        ObjectNode job = sampleJob().put("idempotencyKey", key).put("debounce", true);
        ((ObjectNode) job.get("payload")).put("prompt", prompt);
        return job;
    }
}
