package io.streamq.gateway.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.QueueName;
import io.streamq.testing.RedisTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The console's config: the queue names its pages offer come from queue-core, without a token. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ConsoleConfigTest {

    @Test
    void servesTheWorkQueuesAndTheDeadLetterQueue() {
        given().get("/owner/config.json").then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("queues", contains(QueueName.workQueues().stream().map(QueueName::wireName).toArray()))
                .body("deadLetterQueue", equalTo(QueueName.DLQ.wireName()));
    }
}
