package io.streamq.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.RealtimeKeys;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway keeps the latest message of each channel for 60 s and sends it to clients that join later. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class LatestOnConnectTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/owner/realtime")
    URI uri;

    @BeforeEach
    void gatewayListens() {
        TestRedis.awaitGatewaySubscribed();
    }

    @Test
    void anAlertPublishedBeforeConnectingIsTheFirstFrame() throws Exception {
        String id = UUID.randomUUID().toString();
        String alert = "{\"queue\":\"email\",\"status\":\"critical\",\"id\":\"" + id + "\"}";
        TestRedis.publish(Channels.ALERTS, alert);
        // The gateway stores it when it receives it, with a TTL of 60 s.
        String key = RealtimeKeys.latest(Channels.ALERTS);
        await().atMost(WAIT).until(() -> alert.equals(TestRedis.get(key)));
        long ttl = Long.parseLong(io.streamq.testing.RedisTestResource.server().command("TTL", key));
        assertThat(ttl).isBetween(1L, 60L);

        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.policies("late-1", "READ"))) {
            JsonNode first = client.next(WAIT);
            assertThat(first).isNotNull();
            assertThat(first.path("type").asText()).isEqualTo("alert");
            assertThat(first.path("latest").asBoolean()).isTrue();
            assertThat(first.path("data").path("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void joiningAQueueRoomSendsThatQueuesLatestBatchAfterTheAck() throws Exception {
        String batch = "{\"queue\":\"analytics\",\"events\":[{\"jobId\":\"analytics-77\",\"state\":\"completed\"}]}";
        TestRedis.publish(Channels.JOB_EVENTS, batch);
        // Job batches are stored once per coalescing tick, per queue.
        await().atMost(WAIT).until(() -> batch.equals(TestRedis.get(RealtimeKeys.latestJobEvents(QueueName.ANALYTICS))));

        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("late-2"))) {
            client.send("{\"type\":\"subscribe_queue\",\"queue\":\"analytics\"}");
            client.await(WsClient.type("ack"), WAIT);
            JsonNode latest = client.await(WsClient.type("job_batch"), WAIT);
            assertThat(latest.path("room").asText()).isEqualTo("queue:analytics");
            assertThat(latest.path("events").get(0).path("jobId").asText()).isEqualTo("analytics-77");
        }
    }
}
