package io.streamq.gateway.ws;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are the client's (closed with their RFC 6455 code) and which go on to Quarkus (1011, logged). */
class FrameFaultsTest {

    @Test
    void aFrameOverTheFrameLimitIs1009() {
        assertThat(FrameFaults.closeFor(new CorruptedWebSocketFrameException(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                "Max frame length of 65536 has been exceeded.")))
                .hasValueSatisfying(r -> assertThat(r.getCode()).isEqualTo(1009));
    }

    @Test
    void otherCorruptFramesKeepNettysCode() {
        assertThat(FrameFaults.closeFor(new CorruptedWebSocketFrameException(
                WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "bad UTF-8")))
                .hasValueSatisfying(r -> assertThat(r.getCode()).isEqualTo(1007));
    }

    @Test
    void theGatewaysOwnFailuresAreNotTheClients() {
        assertThat(FrameFaults.closeFor(new IllegalStateException("cannot serialize a frame"))).isEmpty();
        assertThat(FrameFaults.closeFor(new IllegalStateException())).isEmpty();
        assertThat(FrameFaults.closeFor(new NullPointerException())).isEmpty();
    }
}
