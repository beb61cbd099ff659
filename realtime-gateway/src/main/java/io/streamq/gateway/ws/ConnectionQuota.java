package io.streamq.gateway.ws;

import io.streamq.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Open connections per authenticated subject and per client IP on this instance, capped by
 * {@code streamq.gateway.max-connections-per-subject} / {@code -per-ip}: each connection holds memory, a socket and
 * a share of the fan-out, and one token or one host could otherwise open them without end. Per instance, not
 * cluster-wide: with N replicas a subject holds at most N times the cap, which still bounds it.
 */
@ApplicationScoped
public class ConnectionQuota {

    /** One counted connection; given back once, on close. */
    public record Slot(String subject, String ip) {
    }

    private final int perSubject;
    private final int perIp;
    private final Map<String, Integer> bySubject = new HashMap<>();
    private final Map<String, Integer> byIp = new HashMap<>();

    public ConnectionQuota(GatewayConfig config) {
        this.perSubject = config.maxConnectionsPerSubject();
        this.perIp = config.maxConnectionsPerIp();
    }

    /** A slot, or empty (and nothing counted) when the subject or the IP holds its cap already. */
    public synchronized Optional<Slot> acquire(String subject, String ip) {
        if (full(bySubject, subject, perSubject) || full(byIp, ip, perIp)) {
            return Optional.empty();
        }
        bySubject.merge(subject, 1, Integer::sum);
        byIp.merge(ip, 1, Integer::sum);
        return Optional.of(new Slot(subject, ip));
    }

    public synchronized void release(Slot slot) {
        decrement(bySubject, slot.subject());
        decrement(byIp, slot.ip());
    }

    private static boolean full(Map<String, Integer> counts, String key, int cap) {
        return cap > 0 && counts.getOrDefault(key, 0) >= cap;
    }

    /** Entries at zero go, so the maps hold only subjects and IPs with open connections. */
    private static void decrement(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
    }
}
