package io.streamq.gateway.ws;

import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.streamq.gateway.config.GatewayConfig;
import io.streamq.security.net.ClientIps;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * What one client may hold and send: a connection slot (per subject and IP, {@link ConnectionQuota}) taken on open
 * and given back on close, and a {@link MessageBudget} per connection. Both live in the connection's user data.
 */
@ApplicationScoped
public class ClientLimits {

    private static final UserData.TypedKey<ConnectionQuota.Slot> SLOT = new UserData.TypedKey<>("streamq.slot");
    private static final UserData.TypedKey<MessageBudget> BUDGET = new UserData.TypedKey<>("streamq.budget");

    private final ConnectionQuota quota;
    private final ClientIps ips;
    private final int messageRate;
    private final int messageBurst;

    public ClientLimits(ConnectionQuota quota, ClientIps ips, GatewayConfig config) {
        this.quota = quota;
        this.ips = ips;
        this.messageRate = config.messageRate();
        this.messageBurst = config.messageBurst();
    }

    /** Takes a slot for {@code subject}; false, and nothing held, when the subject or its IP is at its cap. */
    boolean open(WebSocketConnection connection, String subject) {
        Optional<ConnectionQuota.Slot> slot = quota.acquire(subject, clientIp(connection.handshakeRequest()));
        if (slot.isEmpty()) {
            return false;
        }
        connection.userData().put(SLOT, slot.get());
        connection.userData().put(BUDGET, new MessageBudget(messageRate, messageBurst, System::nanoTime));
        return true;
    }

    /** Gives the slot back; a connection refused on open holds none. */
    void closed(WebSocketConnection connection) {
        ConnectionQuota.Slot slot = connection.userData().remove(SLOT);
        if (slot != null) {
            quota.release(slot);
        }
    }

    /** Spends one client message of the connection's budget. */
    MessageBudget.Verdict message(WebSocketConnection connection) {
        MessageBudget budget = connection.userData().get(BUDGET);
        return budget == null ? MessageBudget.Verdict.DROP : budget.take();
    }

    /** The peer arrives as {@code host:port} (an IPv6 host unbracketed): the port is after the last colon. */
    private String clientIp(HandshakeRequest request) {
        String remote = request.remoteAddress();
        String peer = remote == null ? "unknown"
                : remote.lastIndexOf(':') > 0 ? remote.substring(0, remote.lastIndexOf(':')) : remote;
        return ips.resolve(peer, request.headers(ClientIps.FORWARDED_FOR));
    }
}
