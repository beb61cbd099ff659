package io.streamq.worker.engine;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Starts a consumer per queue this instance serves, and stops them gracefully. */
@ApplicationScoped
public class WorkerService {
    private static final Logger LOG = Logger.getLogger(WorkerService.class);

    private final WorkQueue work;
    private final JobRunner runner;
    private final WorkerStats stats;
    private final WorkerConfig config;
    private final WorkerIdentity identity;
    private final HandlerRegistry handlers;
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private final Set<QueueName> served = EnumSet.noneOf(QueueName.class);

    public WorkerService(WorkQueue work, JobRunner runner, WorkerStats stats, WorkerConfig config,
                         WorkerIdentity identity, HandlerRegistry handlers) {
        this.work = work;
        this.runner = runner;
        this.stats = stats;
        this.config = config;
        this.identity = identity;
        this.handlers = handlers;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Worker disabled (streamq.worker.enabled=false)");
            return;
        }
        served.addAll(queuesToServe());
        for (QueueName queue : served) {
            QueueConsumer consumer = new QueueConsumer(queue, work, runner, stats, config, identity.id());
            consumers.add(consumer);
            consumer.start();
        }
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
        consumers.parallelStream().forEach(c -> c.stop(config.shutdownGrace()));
        consumers.clear();
    }

    public int concurrency(QueueName queue) {
        return work.settings(queue).concurrency();
    }

    public Set<QueueName> served() {
        return Set.copyOf(served);
    }
}
