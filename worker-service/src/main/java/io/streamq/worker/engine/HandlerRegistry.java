package io.streamq.worker.engine;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.worker.handler.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The handler of each job type that has one. */
@ApplicationScoped
public class HandlerRegistry {
    private final Map<JobType, JobHandler> handlers = new HashMap<>();

    @Inject
    public HandlerRegistry(Instance<JobHandler> all) {
        this((Iterable<JobHandler>) all);
    }

    /** A registry of exactly these handlers, for an engine that runs other handlers than the service's beans. */
    HandlerRegistry(Iterable<? extends JobHandler> all) {
        for (JobHandler handler : all) {
            JobHandler previous = handlers.put(handler.type(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two handlers for " + handler.type() + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
    }

    public Optional<JobHandler> forType(JobType type) {
        return Optional.ofNullable(handlers.get(type));
    }

    public Set<QueueName> queuesWithHandlers() {
        Set<QueueName> queues = EnumSet.noneOf(QueueName.class);
        handlers.keySet().forEach(t -> queues.add(t.queue()));
        return queues;
    }
}
