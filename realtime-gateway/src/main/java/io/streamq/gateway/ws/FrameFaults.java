package io.streamq.gateway.ws;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.quarkus.websockets.next.CloseReason;

import java.util.Optional;

/**
 * What a client did wrong at the WebSocket protocol level, as the close the RFC 6455 prescribes: a frame over
 * {@code quarkus.websockets-next.server.max-frame-size} (Netty's decoder) or a message whose fragments add up to more
 * than {@code max-message-size} (Vert.x's aggregator) is 1009 "message too big"; other corrupt frames keep the code
 * Netty chose (1002 protocol error, 1007 invalid UTF-8). These are the client's faults, not the gateway's: without
 * this, Quarkus logs them as unhandled errors and closes with 1011 "internal error".
 */
final class FrameFaults {

    static final CloseReason TOO_BIG = new CloseReason(1009, "message too big");

    /**
     * Vert.x reports an oversized message only as an IllegalStateException with this text (vertx-core 4.5
     * {@code WebSocketImplBase}); {@code FrameLimitsTest} fails with 1011 should the wording change.
     */
    private static final String MESSAGE_OVERFLOW = "to overflow max message size";

    private FrameFaults() {
    }

    static Optional<CloseReason> closeFor(Throwable failure) {
        if (failure instanceof CorruptedWebSocketFrameException corrupt) {
            int code = corrupt.closeStatus().code();
            return Optional.of(code == TOO_BIG.getCode() ? TOO_BIG
                    : new CloseReason(code, corrupt.closeStatus().reasonText()));
        }
        if (failure instanceof IllegalStateException e && e.getMessage() != null
                && e.getMessage().contains(MESSAGE_OVERFLOW)) {
            return Optional.of(TOO_BIG);
        }
        return Optional.empty();
    }
}
