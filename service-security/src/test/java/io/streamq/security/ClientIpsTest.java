package io.streamq.security;

import io.streamq.security.net.ClientIps;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpsTest {

    private final ClientIps ips = ClientIps.trusting(List.of("10.0.0.0/8", "fd00::/8"));

    @Test
    void untrustedPeerIsTheClientWhateverTheHeaderSays() {
        assertThat(ips.resolve("203.0.113.5", List.of("1.2.3.4"))).isEqualTo("203.0.113.5");
    }

    @Test
    void trustedPeerForwardsTheRightMostUntrustedHop() {
        assertThat(ips.resolve("10.1.2.3", List.of("6.6.6.6, 198.51.100.4, 10.0.0.7"))).isEqualTo("198.51.100.4");
        assertThat(ips.resolve("10.1.2.3", List.of("6.6.6.6", "198.51.100.4"))).isEqualTo("198.51.100.4");
    }

    @Test
    void trustedPeerWithoutHeaderIsItself() {
        assertThat(ips.resolve("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void garbageStopsTheWalkAtTheLastVouchedAddress() {
        assertThat(ips.resolve("10.1.2.3", List.of("evil.example, 10.0.0.9"))).isEqualTo("10.0.0.9");
    }

    @Test
    void ipv6AndPortsAreUnderstood() {
        assertThat(ips.resolve("fd00::1", List.of("[2001:db8::5]:443"))).isEqualTo("2001:db8:0:0:0:0:0:5");
        assertThat(ips.resolve("10.0.0.1", List.of("198.51.100.4:5555"))).isEqualTo("198.51.100.4");
    }

    @Test
    void cidrPrefixesMatchPartialBytes() {
        ClientIps narrow = ClientIps.trusting(List.of("192.168.1.128/25"));
        assertThat(narrow.resolve("192.168.1.200", List.of("1.1.1.1"))).isEqualTo("1.1.1.1");
        assertThat(narrow.resolve("192.168.1.100", List.of("1.1.1.1"))).isEqualTo("192.168.1.100");
    }
}
