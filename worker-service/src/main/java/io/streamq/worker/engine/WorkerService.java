package io.streamq.worker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.ConsumerGroups;
import io.streamq.core.store.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Runs this instance's engine over the queues it serves, and stops it gracefully. */
@ApplicationScoped
public class WorkerService {
    private static final Logger LOG = Logger.getLogger(WorkerService.class);

    private final WorkQueue work;
    private final ConsumerGroups groups;
    private final JobRunner runner;
    private final WorkerStats stats;
    private final WorkerConfig config;
    private final WorkerIdentity identity;
    private final HandlerRegistry handlers;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;
    private final Set<QueueName> served = EnumSet.noneOf(QueueName.class);
    private volatile Engine engine;

    public WorkerService(WorkQueue work, ConsumerGroups groups, JobRunner runner, WorkerStats stats,
                         WorkerConfig config, WorkerIdentity identity, HandlerRegistry handlers,
                         ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.work = work;
        this.groups = groups;
        this.runner = runner;
        this.stats = stats;
        this.config = config;
        this.identity = identity;
        this.handlers = handlers;
        this.redis = redis;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Worker disabled (streamq.worker.enabled=false)");
            return;
        }
        served.addAll(queuesToServe());
        Engine started = new Engine(served, identity.id(), work, groups, runner, stats, config, redis, mapper);
        started.start();
        engine = started;
        LOG.infof("Worker %s consumes %s", identity.id(), served);
    }

    private Set<QueueName> queuesToServe() {
        Set<QueueName> queues = EnumSet.noneOf(QueueName.class);
        config.queues().ifPresentOrElse(names -> names.forEach(name -> queues.add(QueueName.fromWire(name)
                        .filter(q -> q != QueueName.DLQ)
                        .orElseThrow(() -> new IllegalStateException("streamq.worker.queues: no work queue " + name)))),
                () -> queues.addAll(handlers.queuesWithHandlers()));
        return queues;
    }

    void onStop(@Observes ShutdownEvent event) {
        Engine running = engine;
        if (running != null) {
            running.stop(config.shutdownGrace());
        }
    }

    public int concurrency(QueueName queue) {
        return work.settings(queue).concurrency();
    }

    public Set<QueueName> served() {
        return Set.copyOf(served);
    }

    /** What each engine loop is doing; empty when the worker is disabled. */
    public List<LoopHealth> health() {
        Engine running = engine;
        return running == null ? List.of() : running.health();
    }

    /** The served queues whose loops all run and make progress. */
    public Set<QueueName> healthyQueues() {
        Engine running = engine;
        return running == null ? Set.of() : running.healthyQueues();
    }
}
