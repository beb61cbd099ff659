package io.streamq.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which addresses a job may call: public ones, and non-public ones only inside the allowlist (CIDR ranges). Refused:
 * loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10, which holds cloud
 * metadata endpoints), carrier-grade NAT (100.64/10), unspecified, multicast, reserved, 6to4 and IPv4-mapped or
 * compatible forms of those. One rule for both places that judge a destination: the producer at enqueue (for hosts
 * written as an address) and the worker at call time (for every address a host resolves to).
 */
public record OutboundPolicy(List<Cidr> allow) {

    // Hosts the JDK reads as an IPv4 address without DNS, including the legacy forms (2130706433, 127.1).
    private static final Pattern NUMERIC_V4 = Pattern.compile("[0-9]+(\\.[0-9]+){0,3}");

    public OutboundPolicy {
        allow = List.copyOf(allow);
    }

    /** From configuration: comma-separated ranges, blanks ignored. */
    public static OutboundPolicy of(Optional<List<String>> ranges) {
        return new OutboundPolicy(ranges.orElse(List.of()).stream().filter(s -> !s.isBlank()).map(Cidr::parse)
                .toList());
    }

    public boolean permitted(InetAddress address) {
        return isPublic(address) || allow.stream().anyMatch(c -> c.contains(address));
    }

    /**
     * The address a URL's host is written as, if it is one ({@code http://169.254.169.254/}, {@code http://[::1]/}),
     * read without DNS; empty for a host name, which only the worker can judge, when it resolves it.
     */
    public static Optional<InetAddress> literalHost(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IpLiterals.isLiteral(bare) && !NUMERIC_V4.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
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
