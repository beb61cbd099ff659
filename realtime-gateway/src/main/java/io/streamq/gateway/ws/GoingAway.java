package io.streamq.gateway.ws;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * On shutdown, closes every client with 1001 "going away": consoles reconnect (to another replica) at once, and the
 * open upgrades do not hold the graceful shutdown until its timeout.
 */
@ApplicationScoped
public class GoingAway {

    static final CloseReason GOING_AWAY = new CloseReason(1001, "gateway shutting down");

    void onStop(@Observes ShutdownEvent event, OpenConnections connections) {
        for (WebSocketConnection c : connections.listAll()) {
            c.close(GOING_AWAY).subscribe().with(ok -> { }, failure -> { });
        }
    }
}
