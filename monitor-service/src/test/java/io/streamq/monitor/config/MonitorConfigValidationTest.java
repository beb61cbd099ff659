package io.streamq.monitor.config;

import io.smallrye.config.ConfigValidationException;
import io.streamq.testing.ConfigMappingCheck;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad monitor or health setting stops start-up with a message naming the property. */
class MonitorConfigValidationTest {

    @Test
    void theShippedValuesAreValid() {
        assertThat(ConfigMappingCheck.load(MonitorConfig.class, Map.of()).refreshEvery()).isPositive();
        assertThat(ConfigMappingCheck.load(HealthConfig.class, Map.of()).healthyAtLeast()).isEqualTo(80);
    }

    @Test
    void eachBadValueIsRefusedByName() {
        Map<String, String> monitor = Map.of(
                "streamq.monitor.refresh-every", "0s",
                "streamq.monitor.window-minutes", "0");
        assertThatThrownBy(() -> ConfigMappingCheck.load(MonitorConfig.class, monitor))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContainingAll(monitor.keySet().toArray(String[]::new));
        Map<String, String> health = Map.of(
                "streamq.health.no-workers.penalty", "101",
                "streamq.health.error-rate.critical", "2");
        // The message names a nested group after its method (noWorkers), the rest as the property.
        assertThatThrownBy(() -> ConfigMappingCheck.load(HealthConfig.class, health))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContainingAll("streamq.health.noWorkers.penalty", "streamq.health.errorRate.critical");
    }
}
