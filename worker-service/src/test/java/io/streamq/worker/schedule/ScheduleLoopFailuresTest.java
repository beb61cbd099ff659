package io.streamq.worker.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.contract.JobType;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.loop.LoopTurn;
import io.streamq.core.schedule.MissedRuns;
import io.streamq.core.schedule.SaveOutcome;
import io.streamq.core.schedule.Schedule;
import io.streamq.core.schedule.ScheduleReader;
import io.streamq.core.schedule.ScheduleSpec;
import io.streamq.core.schedule.ScheduleStore;
import io.streamq.core.script.ScriptRunner;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.RedisTestServer;
import io.streamq.worker.engine.WorkerConfig;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * The firing loop through what it cannot control: a stored schedule it cannot read or plan (written by a release
 * with another cron-utils, job type or time-zone database) fires nothing but holds up no other schedule and makes
 * the loop spin no more than an idle one; a loop that fell behind catches up at once; and a worker that starts while
 * Redis is down starts all the same and installs the default schedules once Redis is back. Each test has a
 * redis-server of its own.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ScheduleLoopFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    Vertx vertx;

    @Inject
    QueueCatalog catalog;

    @Inject
    ScheduleConfig config;

    @Inject
    ScheduleReader reader;

    @Inject
    ObjectMapper mapper;

    @Inject
    WorkerConfig worker;

    private RedisTestServer server;
    private Redis client;
    private ScheduleStore store;
    private RedisDataSource redis;

    @BeforeEach
    void connect() {
        server = new RedisTestServer();
        client = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.uri()));
        ReactiveRedisDataSourceImpl reactive = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
        redis = new BlockingRedisDataSourceImpl(reactive, WAIT);
        store = new ScheduleStore(new ScriptRunner(reactive), reactive, catalog);
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    @Test
    void schedulesThatCannotBeReadOrPlannedHoldUpNoOther() {
        create("bad-zone");
        create("bad-cron");
        create("good");
        QueueKeys keys = QueueKeys.of(JobType.SYSTEM_REFRESH_STATS.queue());
        // A zone this JVM's time-zone database does not know; a cron this cron-utils refuses. Both due first.
        redis.hash(String.class).hset(keys.schedule("bad-zone"), Map.of("everyMs", "", "cron", "0 * * * *",
                "timezone", "Mars/Olympus_Mons"));
        redis.hash(String.class).hset(keys.schedule("bad-cron"), Map.of("everyMs", "", "cron", "every minute"));
        redis.sortedSet(String.class).zadd(keys.schedules(), Map.of("bad-zone", 1.0, "bad-cron", 2.0));

        ScheduleFiring firing = new ScheduleFiring(store, config, worker.callTimeout());
        await().atMost(WAIT).until(() -> {
            firing.turn();
            return find("good").runs() > 0;
        });
        assertThat(find("bad-cron").runs()).isZero();
    }

    @Test
    void dueSchedulesThatCannotBeFiredDoNotMakeTheLoopSpin() {
        create("retired");
        QueueKeys keys = QueueKeys.of(JobType.SYSTEM_REFRESH_STATS.queue());
        // A job type this release no longer has (or not yet: a newer monitor saved it), due long ago.
        redis.hash(String.class).hset(keys.schedule("retired"), "jobName", "system.retired");
        redis.sortedSet(String.class).zadd(keys.schedules(), 1.0, "retired");

        LoopTurn turn = new ScheduleFiring(store, with("maxPerTurn", 1), worker.callTimeout()).turn();

        assertThat(turn.next()).as("a full batch of which nothing could be fired is no reason to turn again at once")
                .isPositive();
    }

    @Test
    void aLoopThatFellBehindCatchesUpWithoutWaiting() {
        create("every-second");
        QueueKeys keys = QueueKeys.of(JobType.SYSTEM_REFRESH_STATS.queue());
        // Found 3 s late (a stall under the missed-after threshold): its next due time is behind as well.
        long lateDue = find("every-second").nextDueAt() - 4_000;
        redis.hash(String.class).hset(keys.schedule("every-second"), "nextDueAt", Long.toString(lateDue));
        redis.sortedSet(String.class).zadd(keys.schedules(), lateDue, "every-second");

        LoopTurn turn = new ScheduleFiring(store, config, worker.callTimeout()).turn();

        assertThat(find("every-second").runs()).isEqualTo(1);
        assertThat(find("every-second").nextDueAt()).isEqualTo(lateDue + 1_000);
        assertThat(turn.next()).as("the next due time has passed already: the loop must not sleep over it").isZero();
    }

    @Test
    void aWorkerStartingWhileRedisIsDownStartsAndInstallsTheDefaultsWhenRedisIsBack() throws Exception {
        ScheduleConfig firing = with("enabled", true);
        ScheduleLoop loop = new ScheduleLoop(store, firing, worker, new DefaultSchedules(firing, reader, store, mapper),
                new SimpleMeterRegistry());
        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> server.restart(Duration.ofSeconds(3)));
        await().atMost(WAIT).until(() -> !answers(server));
        try {
            assertThatCode(() -> loop.start(new StartupEvent())).doesNotThrowAnyException();
            restart.get();
            await().atMost(Duration.ofSeconds(15)).until(() -> store.find("system-cleanup").await().atMost(WAIT)
                    .isPresent());
        } finally {
            loop.stop(null);
        }
    }

    private static boolean answers(RedisTestServer server) {
        try {
            return "PONG".equals(server.command("PING"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void create(String id) {
        // Every second on a grid that began long ago, so due times before now are real ones.
        ScheduleSpec spec = new ScheduleSpec(id, JobType.SYSTEM_REFRESH_STATS, "{}", null, null, 1_000L,
                1_000_000_000_000L, null, null, MissedRuns.RUN_ONCE, true);
        assertThat(store.create(spec, Schedule.ORIGIN_API).await().atMost(WAIT)).isEqualTo(SaveOutcome.SAVED);
    }

    private Schedule find(String id) {
        return store.find(JobType.SYSTEM_REFRESH_STATS.queue(), id).await().atMost(WAIT).orElseThrow();
    }

    /** The service's configuration with one setting changed (the tests' turns firing off). */
    private ScheduleConfig with(String setting, Object value) {
        return (ScheduleConfig) Proxy.newProxyInstance(ScheduleConfig.class.getClassLoader(),
                new Class<?>[]{ScheduleConfig.class}, (proxy, method, args) -> method.getName().equals(setting)
                        ? value : method.invoke(config, args));
    }
}
