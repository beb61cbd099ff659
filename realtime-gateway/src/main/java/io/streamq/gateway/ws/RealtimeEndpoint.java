package io.streamq.gateway.ws;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.streamq.gateway.config.GatewayConfig;
import io.streamq.gateway.metrics.GatewayMetrics;
import io.streamq.gateway.relay.LatestEvents;
import io.streamq.gateway.session.ClientSession;
import io.streamq.gateway.session.JobRooms;
import io.streamq.gateway.session.Sessions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * {@code /owner/realtime}: the owner console's live feed. The upgrade is decided by {@link UpgradeGuard} (Origin,
 * then a token with READ); what an admitted client may hold and send by {@link ClientLimits}. Every callback is
 * non-blocking: they only touch memory and issue reactive Redis reads.
 */
@WebSocket(path = "/owner/realtime", endpointId = RealtimeEndpoint.ID)
public class RealtimeEndpoint {

    public static final String ID = "owner-realtime";
    /** RFC 6455 "policy violation": the token the connection was opened with is no longer valid. */
    static final CloseReason TOKEN_EXPIRED = new CloseReason(1008, "token expired");
    /** RFC 6455 "try again later": the client read too slowly to keep even the frames that are never dropped. */
    static final CloseReason TOO_SLOW = new CloseReason(1013, "client too slow");
    /** "Policy violation": the subject or the client IP holds as many connections as it may. */
    static final CloseReason TOO_MANY_CONNECTIONS = new CloseReason(1008, "too many connections");
    /** "Policy violation": the client kept sending after its messages were refused for their rate. */
    static final CloseReason TOO_MANY_MESSAGES = new CloseReason(1008, "message rate exceeded");

    private static final Logger LOG = Logger.getLogger(RealtimeEndpoint.class);

    @Inject
    SecurityIdentity identity;
    @Inject
    Sessions sessions;
    @Inject
    LatestEvents latest;
    @Inject
    CommandHandler commands;
    @Inject
    JobRooms jobRooms;
    @Inject
    GatewayMetrics metrics;
    @Inject
    GatewayConfig config;
    @Inject
    ClientLimits limits;
    @Inject
    Vertx vertx;

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        String subject = identity.getPrincipal().getName();
        if (!limits.open(connection, subject)) {
            // Before any session or Redis read: a refused connection costs nothing beyond its socket.
            LOG.debugf("connection %s of %s refused: too many connections", connection.id(), subject);
            closeWith(connection, TOO_MANY_CONNECTIONS);
            return;
        }
        ClientSession session = new ClientSession(connection.id(), connection::sendText,
                reason -> closeWith(connection, TOO_SLOW),
                metrics, config.outboxLimit(), config.outboxHardLimit());
        sessions.add(session);
        scheduleExpiry(connection, session);
        LOG.debugf("connection %s opened by %s", connection.id(), subject);
        // Held until the latest events are read, so they arrive before any live frame.
        latest.framesFor(session.rooms()).subscribe().with(
                session::release,
                failure -> session.release(List.of(commands.unavailable())));
    }

    @OnTextMessage
    @NonBlocking
    void message(WebSocketConnection connection, String text) {
        sessions.get(connection.id()).filter(session -> admitted(connection, session))
                .ifPresent(session -> commands.handle(session, text));
    }

    /** Binary frames are not part of the protocol: an error frame, as for any message the gateway cannot act on. */
    @OnBinaryMessage
    @NonBlocking
    void binary(WebSocketConnection connection, Buffer data) {
        sessions.get(connection.id()).filter(session -> admitted(connection, session))
                .ifPresent(session -> session.offer(commands.binaryRefused()));
    }

    /**
     * Frames and messages over the size limits, and other corrupt frames: the client's fault, closed with the code
     * RFC 6455 gives it (1009 for too big) and logged at DEBUG. Anything else is the gateway's and goes on to
     * Quarkus's handling (ERROR, 1011).
     */
    @OnError
    @NonBlocking
    void protocolFault(WebSocketConnection connection, RuntimeException failure) {
        CloseReason reason = FrameFaults.closeFor(failure).orElseThrow(() -> failure);
        LOG.debugf("connection %s closed with %d: %s", connection.id(), reason.getCode(), failure.getMessage());
        closeWith(connection, reason);
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        limits.closed(connection);
        sessions.remove(connection.id()).ifPresent(session -> {
            session.close();
            jobRooms.leaveAll(session);
            if (session.expiryTimer() >= 0) {
                vertx.cancelTimer(session.expiryTimer());
            }
        });
    }

    /** Spends one message of the connection's budget; false when the message must not be acted on. */
    private boolean admitted(WebSocketConnection connection, ClientSession session) {
        return switch (limits.message(connection)) {
            case ACCEPT -> true;
            case WARN -> {
                session.offer(commands.rateLimited(config.messageRate()));
                yield false;
            }
            case DROP -> false;
            case CLOSE -> {
                LOG.debugf("connection %s closed: message rate exceeded", connection.id());
                closeWith(connection, TOO_MANY_MESSAGES);
                yield false;
            }
        };
    }

    /** Closing a connection that is closed already would log a warning (Netty closes on a frame too big). */
    private static void closeWith(WebSocketConnection connection, CloseReason reason) {
        if (connection.isClosed()) {
            return;
        }
        connection.close(reason).subscribe().with(ok -> { }, failure -> { });
    }

    /** A token is valid until its {@code exp}; the connection it opened is not allowed to outlive it. */
    private void scheduleExpiry(WebSocketConnection connection, ClientSession session) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        long delay = jwt.getExpirationTime() * 1000 - System.currentTimeMillis();
        Runnable expire = () -> {
            LOG.debugf("connection %s: token expired, closing", connection.id());
            closeWith(connection, TOKEN_EXPIRED);
        };
        if (delay <= 0) {
            expire.run();
            return;
        }
        session.expiryTimer(vertx.setTimer(delay, t -> expire.run()));
    }
}
