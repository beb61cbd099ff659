package io.streamq.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.testing.LogCapture;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message over {@code quarkus.websockets-next.server.max-message-size} (8 KiB) closes with 1009 and logs no
 * ERROR, whether it comes in big frames (the JDK client cuts a message into 16 KiB frames) or many small ones; binary
 * frames get an error frame. A single frame over {@code max-frame-size} is {@code FrameFaultsTest}'s: the JDK client
 * cannot send one.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class FrameLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ONE_MEGABYTE = "x".repeat(1 << 20);

    @TestHTTPResource("/owner/realtime")
    URI uri;

    @Test
    void aOneMegabyteMessageIsClosedWith1009AndNoError() throws Exception {
        try (LogCapture logs = LogCapture.start();
             WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("big-1"))) {
            client.sendFragmented(ONE_MEGABYTE, 1);
            assertThat(client.awaitClose(WAIT)).isEqualTo(1009);
            assertThat(logs.atLeast(Level.SEVERE)).isEmpty();
        }
    }

    @Test
    void smallFramesAddingUpToTooBigAMessageAreClosedWith1009AndNoError() throws Exception {
        try (LogCapture logs = LogCapture.start();
             WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("big-2"))) {
            client.sendFragmented("x".repeat(64 * 1024), 64);
            assertThat(client.awaitClose(WAIT)).isEqualTo(1009);
            assertThat(logs.atLeast(Level.SEVERE)).isEmpty();
        }
    }

    @Test
    void aMessageJustUnderTheLimitIsRead() throws Exception {
        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("big-3"))) {
            client.send("{\"type\":\"ping\",\"padding\":\"" + "x".repeat(8000) + "\"}");
            client.await(WsClient.type("pong"), WAIT);
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void aBinaryFrameGetsAnErrorFrameAndTheConnectionStaysOpen() throws Exception {
        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("bin-1"))) {
            client.sendBinary(new byte[]{'{', '}'});
            JsonNode error = client.await(WsClient.type("error"), WAIT);
            assertThat(error.path("code").asText()).isEqualTo("binary_unsupported");
            client.send("{\"type\":\"ping\"}");
            client.await(WsClient.type("pong"), WAIT);
            assertThat(client.isClosed()).isFalse();
        }
    }
}
