package io.streamq.worker.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while every engine loop runs and makes progress: a dead or stalled loop takes the worker out. */
@Readiness
@ApplicationScoped
public class EngineReadiness implements HealthCheck {

    static final String NAME = "worker-engine";

    private final WorkerService service;

    public EngineReadiness(WorkerService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (LoopHealth loop : service.health()) {
            response.withData(loop.loop(), loop.state() + ": " + loop.detail());
            if (!loop.healthy()) {
                response.down();
            }
        }
        return response.build();
    }
}
