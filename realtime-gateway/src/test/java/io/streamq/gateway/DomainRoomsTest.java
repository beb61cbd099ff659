package io.streamq.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.event.DomainEvent;
import io.streamq.core.event.DomainEventType;
import io.streamq.core.event.DomainEvents;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The domain events published by queue-core's {@link DomainEvents} (as the worker's handlers publish them) reach a
 * WebSocket client in the matching room, and only there.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class DomainRoomsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A room, the frame type it receives, and an event its channel carries. */
    private record Room(String name, String frameType, DomainEvent event) {
    }

    @TestHTTPResource("/owner/realtime")
    URI uri;

    @Inject
    DomainEvents events;

    @BeforeEach
    void gatewayListens() {
        TestRedis.awaitGatewaySubscribed();
    }

    private static DomainEvent event(DomainEventType type, String jobId, String queue, Map<String, Object> data) {
        return new DomainEvent(type, jobId, queue, "acme", System.currentTimeMillis(), data);
    }

    @Test
    void eachDomainChannelReachesItsRoomAndNoOther() throws Exception {
        List<Room> rooms = List.of(
                new Room("workflows", "workflow_event", event(DomainEventType.WORKFLOW_STEP_FINISHED,
                        "workflows-901", "workflows", DomainEvent.fields("runId", "run-1", "stepId", "charge",
                                "status", "completed"))),
                new Room("analytics", "analytics_event", event(DomainEventType.ANALYTICS_REPORT_GENERATED,
                        "analytics-902", "analytics", DomainEvent.fields("reportId", "r-1", "format", "csv",
                                "days", 3))),
                new Room("plugins", "plugin_event", event(DomainEventType.PLUGIN_HOOK_DELIVERED, "plugins-903",
                        "plugins", DomainEvent.fields("pluginId", "crm", "hook", "deal.won", "status", 200))));
        List<WsClient> clients = new ArrayList<>();
        try {
            for (Room room : rooms) {
                WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("domain-" + room.name()));
                clients.add(client);
                client.send("{\"type\":\"subscribe_" + room.name() + "\"}");
                assertThat(client.await(WsClient.type("ack"), WAIT).path("room").asText()).isEqualTo(room.name());
            }
            for (Room room : rooms) {
                events.publish(room.event(), Duration.ofSeconds(2)).await().atMost(Duration.ofSeconds(5));
            }
            // Owner actions go to everyone (global), after the domain events: once it arrived, they would have.
            TestRedis.publish(Channels.OWNER_ACTIONS, "{\"action\":\"queue.pause\",\"marker\":\"domain\"}");

            for (int i = 0; i < rooms.size(); i++) {
                Room room = rooms.get(i);
                WsClient client = clients.get(i);
                JsonNode frame = client.await(f -> WsClient.type(room.frameType()).test(f)
                        && room.event().jobId().equals(f.path("data").path("jobId").asText()), WAIT);
                assertThat(frame.path("channel").asText()).isEqualTo(room.event().type().channel());
                JsonNode data = frame.path("data");
                assertThat(data.path("type").asText()).isEqualTo(room.event().type().wireName());
                assertThat(data.path("queue").asText()).isEqualTo(room.event().queue());
                assertThat(data.path("tenant").asText()).isEqualTo("acme");
                assertThat(data.path("ts").asLong()).isEqualTo(room.event().ts());
                assertThat(WsClient.JSON.convertValue(data.path("data"), Map.class))
                        .isEqualTo(room.event().data());

                client.awaitSeen(f -> WsClient.type("owner_action").test(f)
                        && "domain".equals(f.path("data").path("marker").asText()), WAIT);
                List<String> others = rooms.stream().filter(r -> r != room).map(Room::frameType).toList();
                assertThat(client.seen()).as(room.name() + " gets no other room's events")
                        .noneMatch(f -> others.contains(f.path("type").asText()));
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }
}
