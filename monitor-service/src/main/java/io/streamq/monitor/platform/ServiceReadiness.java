package io.streamq.monitor.platform;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One service in {@code GET /owner/platform/health}. */
public record ServiceReadiness(
        String name,
        ServiceState state,
        @Schema(description = "How long its readiness answer took, ms; null when not asked (NOT_CONFIGURED)")
        Double latencyMs,
        List<ReadinessCheck> checks,
        @Schema(description = "Why it is not UP, when it says or the call failed; else null")
        String error) {

    static ServiceReadiness notConfigured(String name) {
        return new ServiceReadiness(name, ServiceState.NOT_CONFIGURED, null, List.of(), null);
    }

    boolean failing() {
        return state == ServiceState.DOWN || state == ServiceState.UNREACHABLE;
    }
}
