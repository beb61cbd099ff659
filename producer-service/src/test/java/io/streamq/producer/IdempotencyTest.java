package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.QueueName;
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
    void withoutAKeyEveryRequestIsANewJob() {
        String token = TestTokens.producerOf(Api.newTenant());
        String body = sampleJob().toString();
        assertThat(Api.post(token, body).jsonPath().getString("id"))
                .isNotEqualTo(Api.post(token, body).jsonPath().getString("id"));
    }
}
