package io.streamq.security.config;

import io.smallrye.config.ConfigValidationException;
import io.streamq.testing.ConfigMappingCheck;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad security setting stops start-up with a message naming the property. */
class SecurityConfigValidationTest {

    @Test
    void theShippedValuesAreValid() {
        assertThat(ConfigMappingCheck.load(SecurityConfig.class, Map.of()).confirm().ttl()).isPositive();
    }

    @Test
    void eachBadValueIsRefusedByName() {
        Map<String, String> bad = Map.of(
                "streamq.security.rate-limit.reads.per-ip", "-1",
                "streamq.security.audit.max-entries", "0",
                "streamq.security.confirm.ttl", "-60s",
                "streamq.security.token-cache.max-entries", "0",
                "streamq.security.token-cache.max-ttl", "0s");
        // A map's or a multi-word group's segment is named after its method in the message (rateLimit, tokenCache),
        // the rest as the property.
        assertThatThrownBy(() -> ConfigMappingCheck.load(SecurityConfig.class, bad))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContainingAll("reads.per-ip", "streamq.security.audit.max-entries",
                        "streamq.security.confirm.ttl", "tokenCache.max-entries", "tokenCache.max-ttl");
    }
}
