package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.QueueName;
import io.streamq.testing.RedisTestResource;
import org.junit.jupiter.api.Test;

import static io.streamq.producer.Api.assertNamesField;
import static io.streamq.producer.Api.job;
import static io.streamq.producer.Api.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code test.echo} is declared by one record in queue-core's tests and nowhere else: the API validates and enqueues
 * it like a built-in type (docs/adding-a-job-type.md).
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class TestOnlyJobTypeTest {

    private final String token = TestTokens.producer(Api.newTenant());

    @Test
    void aTypeDeclaredOnlyByItsRecordIsEnqueuedOnItsQueue() {
        Response accepted = Api.post(token, job("test.echo", tree("{\"text\":\"hello\"}")).toString());

        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        String id = accepted.jsonPath().getString("id");
        assertThat(id).startsWith(QueueName.SYSTEM.wireName() + "-");
        assertThat(TestRedis.storedPayload(QueueName.SYSTEM, id)).isEqualTo("{\"text\":\"hello\"}");
    }

    @Test
    void itsRecordsConstraintsAreTheValidation() {
        long dbBefore = TestRedis.dbSize();

        Response rejected = Api.post(token, job("test.echo", tree("{\"text\":\"   \"}")).toString());

        assertNamesField(rejected, "payload.text");
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);
    }
}
