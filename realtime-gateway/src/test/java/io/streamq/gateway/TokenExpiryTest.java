package io.streamq.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A connection does not outlive the token that opened it. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class TokenExpiryTest {

    @TestHTTPResource("/owner/realtime")
    URI uri;

    @Test
    void theConnectionIsClosedWhenTheTokenExpires() throws Exception {
        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.expiringIn("short-lived", 4));
             WsClient lasting = WsClient.connect(WsClient.ws(uri), TestTokens.owner("long-lived"))) {
            client.send("{\"type\":\"ping\"}");
            client.await(WsClient.type("pong"), Duration.ofSeconds(3));
            assertThat(client.isClosed()).isFalse();

            assertThat(client.awaitClose(Duration.ofSeconds(20))).isEqualTo(1008);
            // Only the expired one: a token without a near exp keeps its connection.
            lasting.send("{\"type\":\"ping\"}");
            lasting.await(WsClient.type("pong"), Duration.ofSeconds(5));
            assertThat(lasting.isClosed()).isFalse();
        }
    }
}
