package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.JobType;
import io.streamq.core.keys.SecurityKeys;
import io.streamq.core.store.DlqEntry;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** DLQ events on rt:dlq:events, and an audit record of every mutation with its outcome. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class EventsAndAuditTest {

    @Inject
    DlqTestSupport support;

    @Inject
    RedisDataSource redis;

    @Test
    void addReplayDeleteAndClearArePublishedAndAudited() {
        List<String> messages = new CopyOnWriteArrayList<>();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class)
                .subscribe(Channels.DLQ_EVENTS, messages::add);
        try {
            String owner = TestTokens.owner("eventful");
            DlqEntry e = support.deadJob(JobType.EMAIL_SEND_TRANSACTIONAL, "{\"to\":\"x\"}",
                    DlqTestSupport.error("events", "for events"));
            await().atMost(Duration.ofSeconds(5)).until(() -> has(messages, "added", e.id()));

            given().auth().oauth2(owner).post("/owner/dlq/" + e.id() + "/replay").then().statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> has(messages, "replayed", e.id()));
            support.failForGood(JobType.EMAIL_SEND_TRANSACTIONAL, e.id(), DlqTestSupport.error("events", "again"));
            support.awaitEntry(e.id(), x -> x.errorMessage().equals("again"));

            given().auth().oauth2(owner).post("/owner/dlq/" + e.id() + "/delete").then().statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> has(messages, "deleted", e.id()));

            DlqEntry c = support.deadJob(JobType.EMAIL_SEND_TRANSACTIONAL, "{\"to\":\"y\"}",
                    DlqTestSupport.error("events", "to clear"));
            String body = "{\"originalQueue\":\"email\"}";
            String token = given().auth().oauth2(owner).contentType("application/json").body(body)
                    .post("/owner/dlq/clear").then().statusCode(202).extract().path("token");
            given().auth().oauth2(owner).contentType("application/json").header("X-Confirm-Token", token).body(body)
                    .post("/owner/dlq/clear").then().statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> messages.stream()
                    .anyMatch(m -> m.contains("\"type\":\"cleared\"") && m.contains("\"actor\":\"eventful\"")));
            assertThat(support.find(c.id())).isEmpty();

            List<Map<String, String>> audit = redis.stream(String.class)
                    .xrange(SecurityKeys.auditStream(), StreamRange.of("-", "+")).stream()
                    .map(StreamMessage::payload).filter(p -> "eventful".equals(p.get("actor"))).toList();
            for (String action : List.of("dlq.replay", "dlq.delete", "dlq.clear")) {
                assertThat(audit).as(action).anyMatch(p -> action.equals(p.get("action"))
                        && "ATTEMPT".equals(p.get("outcome")));
                assertThat(audit).as(action).anyMatch(p -> action.equals(p.get("action"))
                        && "SUCCESS".equals(p.get("outcome")));
            }
            // A refused replay is recorded as an attempt that ended in an error.
            given().auth().oauth2(owner).post("/owner/dlq/email-31337/replay").then().statusCode(404);
            assertThat(redis.stream(String.class).xrange(SecurityKeys.auditStream(), StreamRange.of("-", "+"))
                    .stream().map(StreamMessage::payload)
                    .filter(p -> "dlq.replay".equals(p.get("action")) && "ERROR".equals(p.get("outcome")))
                    .count()).isPositive();
        } finally {
            subscriber.unsubscribe();
        }
    }

    private static boolean has(List<String> messages, String type, String id) {
        return messages.stream().anyMatch(m -> m.contains("\"type\":\"" + type + "\"") && m.contains("\"" + id + "\""));
    }
}
