package io.streamq.worker.integration;

import io.streamq.core.net.Cidr;

import io.streamq.worker.handler.JobFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Decides whether the worker may call a URL: only http(s), and only hosts whose every resolved address is public,
 * unless the allowlist ({@code streamq.worker.outbound-allow}, from {@code WORKER_OUTBOUND_ALLOW}: comma-separated
 * CIDR ranges, empty by default) covers it. Refused: loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7),
 * link-local (169.254/16, fe80::/10, which holds cloud metadata endpoints), carrier-grade NAT (100.64/10),
 * unspecified, multicast, and IPv4-mapped/compatible forms of those.
 */
@ApplicationScoped
public class OutboundGuard {

    private final List<Cidr> allow;

    @Inject
    public OutboundGuard(OutboundConfig config) {
        this(config.outboundAllow().orElse(List.of()).stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList());
    }

    public OutboundGuard(List<Cidr> allow) {
        this.allow = List.copyOf(allow);
    }

    public List<Cidr> allowlist() {
        return allow;
    }

    /** Resolves the URL's host and answers the addresses, or refuses with {@code destination-refused}. */
    public List<InetAddress> check(URI uri) throws JobFailure {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw Failures.refused("Only http and https destinations are allowed, not '" + scheme + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw Failures.refused("Destination has no host");
        }
        if (uri.getUserInfo() != null) {
            throw Failures.refused("Destination URLs must not carry credentials");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw Failures.forException("Destination", e);
        }
        for (InetAddress address : addresses) {
            if (!permitted(address)) {
                throw Failures.refused("Destination " + host + " resolves to a non-public address ("
                        + address.getHostAddress() + ") that the outbound allowlist does not cover");
            }
        }
        return List.of(addresses);
    }

    public boolean permitted(InetAddress address) {
        return isPublic(address) || allow.stream().anyMatch(c -> c.contains(address));
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first != 0 && !(first == 100 && second >= 64 && second < 128)   // 100.64/10 CGNAT
                    && !(first == 192 && second == 0 && (b[2] & 0xFF) == 0)       // 192.0.0/24 protocol assignments
                    && first < 240;                                                // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xFE) == 0xFC) {
                return false;                                                     // fc00::/7 unique local
            }
            if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0xC0) {
                return false;                                                     // fec0::/10 site local
            }
            boolean mappedOrCompatible = true;
            for (int i = 0; i < 10; i++) {
                mappedOrCompatible &= b[i] == 0;
            }
            if (mappedOrCompatible && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xFF && b[11] == (byte) 0xFF))) {
                // ::a.b.c.d and ::ffff:a.b.c.d carry an IPv4 address: judge that one.
                try {
                    return isPublic(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x02) {
                return false;                                                     // 2002::/16 6to4 can embed any v4
            }
        }
        return true;
    }
}
