package io.streamq.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.pubsub.ChannelSubscription;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Replicas: one Redis subscription per gateway instance, whatever the number of clients; a second instance has its
 * own and receives the same messages. A second Quarkus application cannot start in this JVM, so the second instance
 * is the gateway's relay class ({@link ChannelSubscription}) over its own Redis client and connection.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ReplicaRelayTest {

    @TestHTTPResource("/owner/realtime")
    URI uri;

    @Inject
    Vertx vertx;

    @BeforeEach
    void gatewayListens() {
        TestRedis.awaitGatewaySubscribed();
    }

    @Test
    void oneSubscriptionPerInstanceWhateverTheNumberOfClients() throws Exception {
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                clients.add(WsClient.connect(WsClient.ws(uri), TestTokens.owner("replica-" + i)));
            }
            for (WsClient c : clients) {
                c.send("{\"type\":\"ping\"}");
                c.await(WsClient.type("pong"), Duration.ofSeconds(10));
            }
            for (String channel : Channels.all()) {
                assertThat(TestRedis.subscribers(channel)).as(channel).isEqualTo(1);
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void aSecondInstanceSubscribesOnItsOwnAndBothDeliverTheSameMessage() throws Exception {
        Redis client = Redis.createClient(vertx, RedisTestResource.server().uri());
        LinkedBlockingQueue<String> secondInstance = new LinkedBlockingQueue<>();
        try (ChannelSubscription second = new ChannelSubscription(
                new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client)), Channels.all(),
                (channel, message) -> secondInstance.add(channel + " " + message), Duration.ofSeconds(1));
             WsClient console = WsClient.connect(WsClient.ws(uri), TestTokens.owner("replica-console"))) {
            second.start().await().atMost(Duration.ofSeconds(10));
            assertThat(second.subscribed()).isTrue();
            assertThat(TestRedis.subscribers(Channels.OWNER_ACTIONS)).isEqualTo(2);

            String id = UUID.randomUUID().toString();
            String action = "{\"action\":\"queue.resume\",\"id\":\"" + id + "\"}";
            TestRedis.publish(Channels.OWNER_ACTIONS, action);

            assertThat(secondInstance.poll(10, TimeUnit.SECONDS)).isEqualTo(Channels.OWNER_ACTIONS + " " + action);
            JsonNode relayed = console.await(f -> WsClient.type("owner_action").test(f)
                    && id.equals(f.path("data").path("id").asText()), Duration.ofSeconds(10));
            assertThat(relayed.path("channel").asText()).isEqualTo(Channels.OWNER_ACTIONS);
        } finally {
            client.close();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> TestRedis.subscribers(Channels.OWNER_ACTIONS) == 1);
    }

    @Test
    void readinessReportsTheSubscription() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("redis-subscription"));
    }
}
