package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.streamq.producer.Api.sampleJob;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class DelayTest {

    @Test
    void delayedJobWaitsOutsideTheStream() {
        String token = TestTokens.producerOf(Api.newTenant());
        long delayMs = Duration.ofHours(1).toMillis();
        long streamBefore = TestRedis.streamLength(QueueName.AI);

        Response accepted = Api.post(token, sampleJob().put("delayMs", delayMs).toString());

        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        assertThat(accepted.jsonPath().getString("state")).isEqualTo("delayed");
        String id = accepted.jsonPath().getString("id");
        assertThat(TestRedis.streamLength(QueueName.AI)).isEqualTo(streamBefore);
        assertThat(TestRedis.command("ZSCORE", QueueKeys.of(QueueName.AI).delayed(), id)).isNotNull();

        Response read = Api.get(token, accepted.header("Location"));
        assertThat(read.jsonPath().getString("state")).isEqualTo("delayed");
        Instant created = Instant.parse(read.jsonPath().getString("createdAt"));
        Instant due = Instant.parse(read.jsonPath().getString("dueAt"));
        assertThat(Duration.between(created, due)).isEqualTo(Duration.ofMillis(delayMs));
    }

    @Test
    void zeroDelayMeansNow() {
        Response accepted = Api.post(TestTokens.producerOf(Api.newTenant()), sampleJob().put("delayMs", 0).toString());
        assertThat(accepted.jsonPath().getString("state")).isEqualTo("waiting");
        assertThat(Api.get(TestTokens.owner(), accepted.header("Location")).jsonPath().getString("dueAt")).isNull();
    }

    @Test
    void maximumDelayIsAccepted() {
        Response accepted = Api.post(TestTokens.producerOf(Api.newTenant()),
                sampleJob().put("delayMs", 2_592_000_000L).toString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.jsonPath().getString("state")).isEqualTo("delayed");
    }
}
