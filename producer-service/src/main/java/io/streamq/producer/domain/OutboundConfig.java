package io.streamq.producer.domain;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** {@code streamq.producer.outbound.allow}: the worker's outbound allowlist, read by {@link Destinations}. */
@ConfigMapping(prefix = "streamq.producer.outbound")
public interface OutboundConfig {

    Optional<List<String>> allow();
}
