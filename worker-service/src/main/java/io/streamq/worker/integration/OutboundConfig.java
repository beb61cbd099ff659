package io.streamq.worker.integration;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** {@code streamq.worker.outbound-allow}: CIDR ranges non-public destinations may be called in (see OutboundGuard). */
@ConfigMapping(prefix = "streamq.worker")
public interface OutboundConfig {

    Optional<List<String>> outboundAllow();
}
