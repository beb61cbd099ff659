package io.streamq.gateway.config;

import io.smallrye.config.ConfigValidationException;
import io.streamq.testing.ConfigMappingCheck;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad gateway setting stops start-up with a message naming the property. */
class GatewayConfigValidationTest {

    @Test
    void theShippedValuesAreValid() {
        assertThat(ConfigMappingCheck.load(GatewayConfig.class, Map.of()).outboxLimit()).isPositive();
    }

    @Test
    void eachBadValueIsRefusedByName() {
        Map<String, String> bad = Map.of(
                "streamq.gateway.coalesce-interval", "0s",
                "streamq.gateway.outbox-limit", "-1",
                "streamq.gateway.max-job-rooms", "0",
                "streamq.gateway.message-rate", "0",
                "streamq.gateway.message-burst", "0",
                "streamq.gateway.max-connections-per-ip", "-1");
        assertThatThrownBy(() -> ConfigMappingCheck.load(GatewayConfig.class, bad))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContainingAll(bad.keySet().toArray(String[]::new));
    }
}
