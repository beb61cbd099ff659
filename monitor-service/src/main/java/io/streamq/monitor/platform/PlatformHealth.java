package io.streamq.monitor.platform;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** {@code GET /owner/platform/health}: the whole system in one answer (docs/api-monitor.md#platform-health). */
public record PlatformHealth(
        @Schema(description = "When these numbers were read (monitor-service clock, epoch ms)")
        long asOf,
        @Schema(description = "DOWN when Redis is unreachable; DEGRADED when a configured service is DOWN or "
                + "UNREACHABLE; else UP")
        String status,
        RedisStatus redis,
        List<ServiceReadiness> services,
        @Schema(description = "Live worker processes from their heartbeats in Redis; null when Redis is unreachable")
        WorkerCounts workers) {

    static String status(RedisStatus redis, List<ServiceReadiness> services) {
        if (!redis.reachable()) {
            return "DOWN";
        }
        return services.stream().anyMatch(ServiceReadiness::failing) ? "DEGRADED" : "UP";
    }
}
