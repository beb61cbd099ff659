package io.streamq.worker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.contract.QueueName;
import io.streamq.core.contract.payload.PayloadCodec;
import io.streamq.testing.RedisTestServer;
import io.streamq.worker.handler.JobHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;

/** Builds engines on a test's own redis-server, with the service's handlers or a test's own. */
@ApplicationScoped
public class Engines {

    @Inject
    Vertx vertx;

    @Inject
    QueueCatalog catalog;

    @Inject
    PayloadCodec codec;

    @Inject
    ObjectMapper mapper;

    @Inject
    WorkerConfig config;

    @Inject
    HandlerRegistry handlers;

    IsolatedStore store(RedisTestServer server) {
        return store(server.uri());
    }

    IsolatedStore store(String uri) {
        return new IsolatedStore(vertx, catalog, mapper, uri);
    }

    /** An engine with the service's own handlers, on a connection pool of its own. */
    TestEngine engine(RedisTestServer server, String name, Set<QueueName> queues) {
        return engine(store(server), name, queues, handlers);
    }

    /** An engine that runs exactly these handlers. */
    TestEngine engine(RedisTestServer server, String name, Set<QueueName> queues, List<JobHandler> own) {
        return engine(store(server), name, queues, new HandlerRegistry(own));
    }

    TestEngine engine(IsolatedStore store, String name, Set<QueueName> queues, HandlerRegistry registry) {
        WorkerStats stats = new WorkerStats();
        JobRunner runner = new JobRunner(registry, codec, mapper, catalog, store.reports, config);
        return new TestEngine(new Engine(queues, name, store.work, store.groups, runner, stats, config,
                store.reactive, mapper), stats, store);
    }
}
