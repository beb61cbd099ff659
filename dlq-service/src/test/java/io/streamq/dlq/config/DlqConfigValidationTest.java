package io.streamq.dlq.config;

import io.smallrye.config.ConfigValidationException;
import io.streamq.testing.ConfigMappingCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad DLQ setting stops start-up with a message naming the property. */
class DlqConfigValidationTest {

    @Test
    void theShippedValuesAreValid() {
        assertThat(ConfigMappingCheck.load(DlqConfig.class, Map.of()).retention().interval())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void eachBadValueIsRefusedByName() {
        Map<String, String> bad = Map.of(
                "streamq.dlq.ingest.batch", "0",
                "streamq.dlq.retention.interval", "0s",
                "streamq.dlq.retention.max-entries", "-1",
                "streamq.dlq.ingest.prune-interval", "-1m");
        assertThatThrownBy(() -> ConfigMappingCheck.load(DlqConfig.class, bad))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContainingAll(bad.keySet().toArray(String[]::new));
    }
}
