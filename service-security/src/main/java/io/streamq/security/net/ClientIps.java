package io.streamq.security.net;

import io.streamq.core.net.Cidr;
import io.streamq.core.net.IpLiterals;

import io.streamq.security.config.SecurityConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The client's IP for rate limits and audit entries. The socket's peer is the client, unless that peer is one of the
 * configured trusted proxies: then {@code X-Forwarded-For} is read from the right (the hop the proxy itself saw)
 * and the first address that is not a trusted proxy is the client. Entries further left were written by the client
 * and could be anything, so they are never believed.
 */
@ApplicationScoped
public class ClientIps {

    public static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<Cidr> trusted;

    @Inject
    public ClientIps(SecurityConfig config) {
        this(config.trustedProxies().orElse(List.of()).stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList());
    }

    ClientIps(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    public static ClientIps trusting(List<String> cidrs) {
        return new ClientIps(cidrs.stream().map(Cidr::parse).toList());
    }

    public String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        String peer = remote == null ? "unknown" : remote.hostAddress();
        return resolve(peer, request.headers().getAll(FORWARDED_FOR));
    }

    /** @param forwardedFor every X-Forwarded-For header line, in order */
    public String resolve(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = IpLiterals.parse(peer);
        if (peerAddress.isEmpty() || !isTrusted(peerAddress.get())) {
            return peer;
        }
        String client = peer;
        for (int line = forwardedFor.size() - 1; line >= 0; line--) {
            String[] hops = forwardedFor.get(line).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                Optional<InetAddress> hop = IpLiterals.parse(hops[i]);
                if (hop.isEmpty()) {
                    // Garbage in the chain: stop at the last address we could vouch for.
                    return client;
                }
                client = hop.get().getHostAddress();
                if (!isTrusted(hop.get())) {
                    return client;
                }
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(c -> c.contains(address));
    }
}
