package io.streamq.monitor.platform;

import io.smallrye.mutiny.Uni;
import io.streamq.security.auth.Policy;
import io.streamq.security.auth.RequiresPolicy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The platform's health for the owner console (docs/api-monitor.md#platform-health): through the ingress, where
 * the services' own {@code /q/*} is not routed. Not {@code @RateLimited}: the limits live in Redis and this must
 * answer while Redis is down; {@link PlatformHealthService} shares one round of probes between callers instead.
 */
@Path("/owner/platform")
@Produces(MediaType.APPLICATION_JSON)
public class OwnerPlatformResource {

    private final PlatformHealthService platform;

    public OwnerPlatformResource(PlatformHealthService platform) {
        this.platform = platform;
    }

    /** Always 200 once signed in: what is down is part of the answer. */
    @GET
    @Path("/health")
    @RequiresPolicy(Policy.READ)
    public Uni<PlatformHealth> health() {
        return platform.current();
    }
}
