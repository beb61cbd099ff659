package io.streamq.gateway.ws;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
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
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * {@code /owner/realtime}: the owner console's live feed. The upgrade is decided by {@link UpgradeGuard} (Origin,
 * then a token with READ). Every callback is non-blocking: they only touch memory and issue reactive Redis reads.
 */
@WebSocket(path = "/owner/realtime", endpointId = RealtimeEndpoint.ID)
public class RealtimeEndpoint {

    public static final String ID = "owner-realtime";
    /** RFC 6455 "policy violation": the token the connection was opened with is no longer valid. */
    static final CloseReason TOKEN_EXPIRED = new CloseReason(1008, "token expired");
    /** RFC 6455 "try again later": the client read too slowly to keep even the frames that are never dropped. */
    static final CloseReason TOO_SLOW = new CloseReason(1013, "client too slow");

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
    Vertx vertx;

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        ClientSession session = new ClientSession(connection.id(), connection::sendText,
                reason -> connection.close(TOO_SLOW).subscribe().with(ok -> { }, failure -> { }),
                metrics, config.outboxLimit(), config.outboxHardLimit());
        sessions.add(session);
        scheduleExpiry(connection, session);
        LOG.debugf("connection %s opened by %s", connection.id(), identity.getPrincipal().getName());
        // Held until the latest events are read, so they arrive before any live frame.
        latest.framesFor(session.rooms()).subscribe().with(
                session::release,
                failure -> session.release(List.of(commands.unavailable())));
    }

    @OnTextMessage
    @NonBlocking
    void message(WebSocketConnection connection, String text) {
        sessions.get(connection.id()).ifPresent(session -> commands.handle(session, text));
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        sessions.remove(connection.id()).ifPresent(session -> {
            session.close();
            jobRooms.leaveAll(session);
            if (session.expiryTimer() >= 0) {
                vertx.cancelTimer(session.expiryTimer());
            }
        });
    }

    /** A token is valid until its {@code exp}; the connection it opened is not allowed to outlive it. */
    private void scheduleExpiry(WebSocketConnection connection, ClientSession session) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        long delay = jwt.getExpirationTime() * 1000 - System.currentTimeMillis();
        Runnable expire = () -> {
            LOG.debugf("connection %s: token expired, closing", connection.id());
            connection.close(TOKEN_EXPIRED).subscribe().with(ok -> { }, failure -> { });
        };
        if (delay <= 0) {
            expire.run();
            return;
        }
        session.expiryTimer(vertx.setTimer(delay, t -> expire.run()));
    }
}
