package io.streamq.gateway.health;

import io.streamq.gateway.relay.RelayService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Redis subscription is live: without it, clients would connect to a silent gateway. */
@Readiness
@ApplicationScoped
public class RelayReadiness implements HealthCheck {

    private final RelayService relay;

    public RelayReadiness(RelayService relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis-subscription").status(relay.subscribed()).build();
    }
}
