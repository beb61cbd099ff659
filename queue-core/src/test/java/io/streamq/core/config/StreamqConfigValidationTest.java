package io.streamq.core.config;

import io.smallrye.config.ConfigValidationException;
import io.streamq.core.contract.QueueName;
import io.streamq.core.limits.QueueLimits;
import io.streamq.core.limits.RateLimit;
import io.streamq.testing.ConfigMappingCheck;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad queue setting stops start-up with a message naming the property. */
class StreamqConfigValidationTest {

    @Test
    void theShippedDefaultsAreValid() {
        assertThat(ConfigMappingCheck.load(StreamqConfig.class, Map.of()).queue()).containsKeys("ai", "system");
    }

    @Test
    void eachBadValueIsRefusedByName() {
        Map<String, String> bad = Map.of(
                "streamq.queue.ai.visibility-timeout", "PT0.1S",
                "streamq.queue.email.concurrency", "-4",
                "streamq.queue.system.attempts", "0",
                "streamq.queue.plugins.backoff.type", "linear",
                "streamq.queue.workflows.backoff.jitter", "1.5");
        assertThatThrownBy(() -> ConfigMappingCheck.load(StreamqConfig.class, bad))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContainingAll(bad.keySet().toArray(String[]::new));
    }

    @Test
    void startLimitsBelowOneAreRefusedByName() {
        Map<String, String> bad = Map.of(
                "streamq.queue.email.rate-limit.jobs", "0",
                "streamq.queue.email.rate-limit.per", "PT0S",
                "streamq.queue.ai.max-active", "0");
        assertThatThrownBy(() -> ConfigMappingCheck.load(StreamqConfig.class, bad))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContainingAll(bad.keySet().toArray(String[]::new));
    }

    @Test
    void configuredStartLimitsBecomeTheQueueDefaults() {
        StreamqConfig config = ConfigMappingCheck.load(StreamqConfig.class, Map.of(
                "streamq.queue.email.rate-limit.jobs", "100",
                "streamq.queue.email.rate-limit.per", "PT1S",
                "streamq.queue.email.max-active", "8"));
        QueueCatalog catalog = new QueueCatalog(config);
        assertThat(catalog.settings(QueueName.EMAIL).limits())
                .isEqualTo(new QueueLimits(new RateLimit(100, 1000), 8));
        assertThat(catalog.settings(QueueName.AI).limits()).isEqualTo(QueueLimits.NONE);
    }
}
