package io.streamq.worker.engine;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.EnqueueOptions;
import io.streamq.core.job.JobView;
import io.streamq.core.job.NewJob;
import io.streamq.core.script.ScriptRunner;
import io.streamq.core.store.ConsumerGroups;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueLimitsStore;
import io.streamq.core.store.WorkQueue;
import io.streamq.core.store.JobControl;
import io.streamq.core.store.JobReports;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.testing.QueueInvariants;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * The real store over a connection pool of its own to one redis-server, as a separate worker process has one: an
 * engine a test drives runs on it, away from the service's own worker, and closing it cuts that engine off Redis the
 * way a crash or a network partition does.
 */
final class IsolatedStore implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(5);

    final WorkQueue work;
    final JobStore jobs;
    final ConsumerGroups groups;
    final QueueLimitsStore limits;
    final JobControl control;
    final JobReports reports;
    final RedisDataSource redis;
    final ReactiveRedisDataSource reactive;
    private final Redis client;
    private final AtomicBoolean closed = new AtomicBoolean();

    IsolatedStore(Vertx vertx, QueueCatalog catalog, ObjectMapper mapper, String uri) {
        client = Redis.createClient(vertx, new RedisOptions().setConnectionString(uri).setMaxPoolSize(32)
                .setMaxPoolWaiting(256));
        reactive = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
        redis = new BlockingRedisDataSourceImpl((ReactiveRedisDataSourceImpl) reactive, WAIT);
        ScriptRunner scripts = new ScriptRunner(reactive);
        work = new WorkQueue(scripts, reactive, catalog);
        jobs = new JobStore(scripts, reactive, catalog);
        groups = new ConsumerGroups(scripts);
        limits = new QueueLimitsStore(scripts, reactive);
        control = new JobControl(scripts, catalog);
        reports = new JobReports(scripts, reactive, mapper);
    }

    String enqueue(JobType type, String payload) {
        return enqueue(type, List.of(payload)).getFirst();
    }

    List<String> enqueue(JobType type, List<String> payloads) {
        return jobs.enqueue(payloads.stream().map(p -> new NewJob(type, p, "engine-tenant", "engine-ws", "engine-test",
                null, 0)).toList()).await().atMost(WAIT).stream().map(e -> e.id()).toList();
    }

    /** Enqueues n jobs at a priority, in this order, each with the same payload. */
    List<String> enqueueAt(int priority, JobType type, int n, String payload) {
        return jobs.enqueue(IntStream.range(0, n).mapToObj(i -> new NewJob(type, payload, "engine-tenant", "engine-ws",
                "engine-test", null, 0, new EnqueueOptions(priority, 0, false))).toList()).await().atMost(WAIT)
                .stream().map(e -> e.id()).toList();
    }

    /** Enqueues n jobs, the i-th (from 0) with payload {@code payload.apply(i)}. */
    List<String> enqueue(JobType type, int n, IntFunction<String> payload) {
        return enqueue(type, IntStream.range(0, n).mapToObj(payload).toList());
    }

    JobView job(String id) {
        return jobs.find(id).await().atMost(WAIT).orElseThrow(() -> new AssertionError("no job " + id));
    }

    JobView awaitState(String id, String state, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> state.equals(job(id).state()));
        return job(id);
    }

    void assertInvariant(QueueName queue) {
        QueueInvariants.of(redis).assertHolds(queue);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }
}
