package io.streamq.worker.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.WorkerHeartbeat;
import io.streamq.core.store.WorkerRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.Set;

/** Says every few seconds that this worker is alive and what it does; three missed beats and it is gone. */
@ApplicationScoped
public class HeartbeatPublisher {

    private final WorkerRegistry registry;
    private final WorkerIdentity identity;
    private final WorkerStats stats;
    private final WorkerService service;
    private final WorkerConfig config;
    private final ObjectMapper mapper;

    public HeartbeatPublisher(WorkerRegistry registry, WorkerIdentity identity, WorkerStats stats,
                              WorkerService service, WorkerConfig config, ObjectMapper mapper) {
        this.registry = registry;
        this.identity = identity;
        this.stats = stats;
        this.service = service;
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * Names only the queues whose engine loops run and make progress, and says nothing when none does: a worker
     * whose loops died or stalled drops out of its queues' worker counts instead of looking healthy.
     */
    @Scheduled(every = "${streamq.worker.heartbeat-interval:PT5S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> beat() {
        Set<QueueName> healthy = service.healthyQueues();
        if (healthy.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var queues = healthy.stream().sorted(Comparator.naturalOrder()).map(QueueName::wireName).toList();
        int concurrency = healthy.stream().mapToInt(service::concurrency).sum();
        WorkerHeartbeat hb = new WorkerHeartbeat(identity.id(), identity.host(), queues, concurrency, stats.active(),
                stats.processed(), stats.failed(), stats.avgProcessingMs(), identity.startedAt(),
                System.currentTimeMillis());
        try {
            return registry.beat(identity.id(), mapper.writeValueAsString(hb), config.heartbeatInterval().multipliedBy(3));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
