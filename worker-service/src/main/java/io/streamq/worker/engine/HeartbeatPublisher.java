package io.streamq.worker.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.WorkerHeartbeat;
import io.streamq.core.loop.BackgroundLoop;
import io.streamq.core.loop.FailureBackoff;
import io.streamq.core.loop.LoopTurn;
import io.streamq.core.store.WorkerRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;

/** Says every few seconds that this worker is alive and what it does; three missed beats and it is gone. */
@ApplicationScoped
public class HeartbeatPublisher {

    private final WorkerRegistry registry;
    private final WorkerIdentity identity;
    private final HeartbeatContent content;
    private final WorkerStats stats;
    private final WorkerService service;
    private final WorkerConfig config;
    private final ObjectMapper mapper;
    private final BackgroundLoop loop;

    public HeartbeatPublisher(WorkerRegistry registry, WorkerIdentity identity, WorkerStats stats,
                              WorkerService service, WorkerConfig config, ObjectMapper mapper, MeterRegistry meters,
                              @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
                              String version) {
        this.registry = registry;
        this.identity = identity;
        this.content = new HeartbeatContent(identity.id(), identity.host(), identity.startedAt(), version);
        this.stats = stats;
        this.service = service;
        this.config = config;
        this.mapper = mapper;
        this.loop = new BackgroundLoop("worker-heartbeat", this::beat,
                FailureBackoff.upTo(config.heartbeatInterval()), meters);
    }

    /** After the engine has started ({@link WorkerService} observes at the default priority), so the first beat counts. */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
        loop.join(System.nanoTime() + config.callTimeout().toNanos());
    }

    /**
     * Names only the queues whose engine loops run and make progress, and says nothing when none does: a worker
     * whose loops died or stalled drops out of its queues' worker counts instead of looking healthy. Each queue's
     * numbers are its own ({@link HeartbeatContent}).
     */
    private LoopTurn beat() throws JsonProcessingException {
        long start = System.nanoTime();
        Set<QueueName> healthy = service.healthyQueues();
        if (healthy.isEmpty()) {
            return LoopTurn.atRate(0, start, config.heartbeatInterval());
        }
        WorkerHeartbeat hb = content.of(healthy, service::concurrency, stats, System.currentTimeMillis());
        registry.beat(identity.id(), mapper.writeValueAsString(hb), config.heartbeatInterval().multipliedBy(3))
                .await().atMost(config.callTimeout());
        return LoopTurn.atRate(1, start, config.heartbeatInterval());
    }
}
