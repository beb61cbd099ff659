package io.streamq.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Joining and leaving rooms, and what a client gets (or not) in them; bad messages never disconnect. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class RoomsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/owner/realtime")
    URI uri;

    @BeforeEach
    void gatewayListens() {
        TestRedis.awaitGatewaySubscribed();
    }

    private static String failed(String queue, String jobId) {
        return "{\"queue\":\"" + queue + "\",\"events\":[{\"jobId\":\"" + jobId + "\",\"name\":\"ai.generate-text\","
                + "\"state\":\"failed\",\"attempt\":3,\"ts\":1,\"errorCode\":\"boom\",\"dlq\":true}]}";
    }

    private static Predicate<JsonNode> inRoom(String room) {
        return f -> room.equals(f.path("room").asText());
    }

    @Test
    void aQueueRoomGetsItsEventsUntilUnsubscribed() throws Exception {
        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("rooms-1"))) {
            client.send("{\"type\":\"subscribe_queue\",\"queue\":\"ai\"}");
            JsonNode ack = client.await(WsClient.type("ack"), WAIT);
            assertThat(ack.path("room").asText()).isEqualTo("queue:ai");
            assertThat(ack.path("rooms").toString()).contains("global", "queue:ai");

            TestRedis.publish(Channels.JOB_EVENTS, failed("ai", "ai-1001"));
            JsonNode failure = client.await(WsClient.type("job_event").and(inRoom("queue:ai")), WAIT);
            assertThat(failure.path("event").path("jobId").asText()).isEqualTo("ai-1001");
            JsonNode summary = client.await(WsClient.type("job_summary").and(inRoom("queue:ai")), WAIT);
            assertThat(summary.path("queues").path("ai").path("failed").asLong()).isEqualTo(1);

            client.send("{\"type\":\"unsubscribe_queue\",\"queue\":\"ai\"}");
            JsonNode left = client.await(WsClient.type("ack"), WAIT);
            assertThat(left.path("rooms").toString()).doesNotContain("queue:ai");
            int before = client.seen().size();

            TestRedis.publish(Channels.JOB_EVENTS, failed("ai", "ai-1002"));
            // The global summary of that tick is queued after the tick's queue summaries and after the individual
            // failure, so once it arrives anything for queue:ai would have arrived too.
            client.await(f -> WsClient.type("job_summary").and(inRoom("global")).test(f)
                    && f.path("queues").path("ai").path("failed").asLong() == 1, WAIT);
            List<JsonNode> after = client.seen().subList(before, client.seen().size());
            assertThat(after).noneMatch(inRoom("queue:ai"));
        }
    }

    @Test
    void namedRoomsRelayTheirChannelsOnlyToMembers() throws Exception {
        try (WsClient member = WsClient.connect(WsClient.ws(uri), TestTokens.owner("rooms-2"));
             WsClient other = WsClient.connect(WsClient.ws(uri), TestTokens.owner("rooms-3"))) {
            member.send("{\"type\":\"subscribe_dlq\"}");
            member.await(WsClient.type("ack"), WAIT);
            other.send("{\"type\":\"ping\"}");
            other.await(WsClient.type("pong"), WAIT);

            TestRedis.publish(Channels.DLQ_EVENTS, "{\"action\":\"insert\",\"jobId\":\"email-7\"}");
            // Owner actions go to everyone (global): a marker that the DLQ event was already fanned out.
            TestRedis.publish(Channels.OWNER_ACTIONS, "{\"action\":\"queue.pause\",\"marker\":\"rooms-2\"}");

            JsonNode dlq = member.await(WsClient.type("dlq_event"), WAIT);
            assertThat(dlq.path("data").path("jobId").asText()).isEqualTo("email-7");
            other.await(f -> WsClient.type("owner_action").test(f)
                    && "rooms-2".equals(f.path("data").path("marker").asText()), WAIT);
            assertThat(other.seen()).noneMatch(WsClient.type("dlq_event"));
        }
    }

    @Test
    void badMessagesGetAnErrorFrameAndTheConnectionStaysOpen() throws Exception {
        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.policies("rooms-4", "READ"))) {
            client.send("this is not json");
            assertThat(client.await(WsClient.type("error"), WAIT).path("code").asText()).isEqualTo("malformed");
            client.send("[1,2]");
            assertThat(client.await(WsClient.type("error"), WAIT).path("code").asText()).isEqualTo("malformed");
            client.send("{\"type\":\"subscribe_everything\"}");
            assertThat(client.await(WsClient.type("error"), WAIT).path("code").asText()).isEqualTo("unknown_type");
            client.send("{\"type\":\"subscribe_queue\",\"queue\":\"nope\"}");
            assertThat(client.await(WsClient.type("error"), WAIT).path("code").asText())
                    .isEqualTo("unknown_queue");
            client.send("{\"type\":\"subscribe_queue\"}");
            assertThat(client.await(WsClient.type("error"), WAIT).path("code").asText())
                    .isEqualTo("unknown_queue");

            client.send("{\"type\":\"ping\"}");
            client.await(WsClient.type("pong"), WAIT);
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void everyRoomOfTheProtocolCanBeJoinedAndLeft() throws Exception {
        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("rooms-5"))) {
            for (String room : List.of("workflows", "analytics", "plugins", "dlq", "alerts")) {
                client.send("{\"type\":\"subscribe_" + room + "\"}");
                JsonNode ack = client.await(WsClient.type("ack"), WAIT);
                assertThat(ack.path("op").asText()).isEqualTo("subscribe_" + room);
                assertThat(ack.path("rooms").toString()).contains("\"" + room + "\"");
                client.send("{\"type\":\"unsubscribe_" + room + "\"}");
                JsonNode left = client.await(WsClient.type("ack"), WAIT);
                assertThat(left.path("rooms").toString()).doesNotContain("\"" + room + "\"").contains("global");
            }
        }
    }
}
