package io.streamq.dlq.ingest;

import io.streamq.dlq.admin.MaintenanceLoops;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.stream.Stream;

/**
 * Not ready once a forwarder or an upkeep loop has died of an Error: a dead forwarder leaves its queue's dead jobs on
 * the dead stream, which nothing else would show, so the replica must be taken out (and restarted) instead.
 */
@Readiness
@ApplicationScoped
public class DlqLoopsReadiness implements HealthCheck {

    static final String NAME = "dlq-loops";

    private final DeadStreamForwarder forwarder;
    private final MaintenanceLoops maintenance;

    public DlqLoopsReadiness(DeadStreamForwarder forwarder, MaintenanceLoops maintenance) {
        this.forwarder = forwarder;
        this.maintenance = maintenance;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        Stream.concat(forwarder.loops().stream(), maintenance.loops().stream()).forEach(loop -> loop.death()
                .ifPresent(error -> response.down().withData(loop.name(), "died: " + error)));
        return response.build();
    }
}
