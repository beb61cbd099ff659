package io.streamq.monitor.platform;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Redis as monitor-service reaches it: a PING's round trip and the INFO fields an owner looks at. Everything but
 * {@code reachable} and {@code error} is null when Redis did not answer.
 */
public record RedisStatus(
        boolean reachable,
        @Schema(description = "Round trip of one PING from monitor-service, ms")
        Double latencyMs,
        String version,
        @Schema(description = "INFO role: master or slave")
        String role,
        Long connectedClients,
        @Schema(description = "INFO used_memory, bytes")
        Long usedMemoryBytes,
        @Schema(description = "INFO maxmemory, bytes; 0 means no limit")
        Long maxMemoryBytes,
        String error) {

    static RedisStatus unreachable(String error) {
        return new RedisStatus(false, null, null, null, null, null, null, error);
    }
}
