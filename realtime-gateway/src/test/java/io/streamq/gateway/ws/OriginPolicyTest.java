package io.streamq.gateway.ws;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OriginPolicyTest {

    private final OriginPolicy policy = new OriginPolicy(List.of("https://console.example.com/"), true);

    @Test
    void listedSameAndMissingOriginsPassOthersDoNot() {
        assertThat(policy.permits(null, "gw:8080")).isTrue();
        assertThat(policy.permits("https://Console.Example.com", "gw:8080")).isTrue();
        assertThat(policy.permits("http://gw:8080", "gw:8080")).isTrue();
        assertThat(policy.permits("http://gw:9090", "gw:8080")).isFalse();
        assertThat(policy.permits("https://evil.example", "gw:8080")).isFalse();
        assertThat(policy.permits("null", "gw:8080")).isFalse();
        assertThat(new OriginPolicy(List.of(), false).permits("http://gw:8080", "gw:8080")).isFalse();
    }
}
