package io.streamq.gateway.ws;

import io.streamq.gateway.config.GatewayConfig;
import io.streamq.testing.ConfigMappingCheck;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Slots per subject and per IP: both caps apply, a refusal counts nothing, a release frees exactly one. */
class ConnectionQuotaTest {

    private static ConnectionQuota quota(int perSubject, int perIp) {
        return new ConnectionQuota(ConfigMappingCheck.load(GatewayConfig.class, Map.of(
                "streamq.gateway.max-connections-per-subject", String.valueOf(perSubject),
                "streamq.gateway.max-connections-per-ip", String.valueOf(perIp))));
    }

    @Test
    void eachCapRefusesOnItsOwnAndARefusalHoldsNothing() {
        ConnectionQuota quota = quota(2, 3);
        ConnectionQuota.Slot a1 = quota.acquire("alice", "10.0.0.1").orElseThrow();
        quota.acquire("alice", "10.0.0.2").orElseThrow();
        assertThat(quota.acquire("alice", "10.0.0.3")).isEmpty();            // alice's cap
        quota.acquire("bob", "10.0.0.1").orElseThrow();
        quota.acquire("carol", "10.0.0.1").orElseThrow();
        assertThat(quota.acquire("dave", "10.0.0.1")).isEmpty();             // 10.0.0.1's cap
        assertThat(quota.acquire("dave", "10.0.0.9")).isPresent();           // the refusals counted nothing

        quota.release(a1);
        assertThat(quota.acquire("alice", "10.0.0.1")).isPresent();
        assertThat(quota.acquire("alice", "10.0.0.4")).isEmpty();
    }

    @Test
    void zeroSwitchesACapOff() {
        ConnectionQuota quota = quota(0, 0);
        for (int i = 0; i < 1000; i++) {
            assertThat(quota.acquire("alice", "10.0.0.1")).isPresent();
        }
    }
}
