package io.streamq.monitor.platform;

import io.smallrye.mutiny.Uni;
import io.streamq.monitor.config.MonitorConfig;
import io.streamq.monitor.workers.WorkerDirectory;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * The platform's health in one answer: Redis, every service's readiness (asked in parallel) and the live workers.
 * Each part recovers on its own, so the answer comes whatever is down, within about the probe timeout.
 */
@ApplicationScoped
public class PlatformHealthService {

    /**
     * Callers within this long share one round of probes. The endpoint cannot use the rate limits, which live in
     * Redis (it must answer while Redis is down), so this bounds what many polling consoles cost the services.
     */
    static final Duration SHARED_FOR = Duration.ofSeconds(1);

    private final ReadinessProbe readiness;
    private final RedisProbe redis;
    private final WorkerDirectory workers;
    private final MonitorConfig.Platform config;
    private final Uni<PlatformHealth> shared;

    public PlatformHealthService(ReadinessProbe readiness, RedisProbe redis, WorkerDirectory workers,
                                 MonitorConfig config) {
        this.readiness = readiness;
        this.redis = redis;
        this.workers = workers;
        this.config = config.platform();
        this.shared = Uni.createFrom().deferred(this::measure).memoize().atLeast(SHARED_FOR);
    }

    public Uni<PlatformHealth> current() {
        return shared;
    }

    private Uni<PlatformHealth> measure() {
        Uni<List<ServiceReadiness>> services = Uni.join().all(readiness.self("monitor-service"),
                readiness.remote("producer-service", config.producerUrl()),
                readiness.remote("dlq-service", config.dlqUrl()),
                readiness.remote("realtime-gateway", config.gatewayUrl())).andFailFast();
        Uni<WorkerCounts> live = workers.all().map(WorkerCounts::of)
                .ifNoItem().after(config.timeout()).fail().onFailure().recoverWithNull();
        return Uni.combine().all().unis(redis.probe(), services, live).with((r, s, w) -> new PlatformHealth(
                System.currentTimeMillis(), PlatformHealth.status(r, s), r, s, r.reachable() ? w : null));
    }
}
