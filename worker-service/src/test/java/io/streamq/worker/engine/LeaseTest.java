package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestServer;
import io.streamq.worker.TestWebhookServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A live worker keeps its jobs however long they run, and however busy its handlers keep the CPUs. */
@QuarkusTest
class LeaseTest {

    @Inject
    Engines engines;

    /** plugins has a 1 s visibility timeout in the test profile; each job runs for three of them. */
    @Test
    void jobsRunningSeveralVisibilityTimeoutsAreDeliveredOnceAndCompleteAtTheFirstAttempt() {
        try (TestWebhookServer peer = new TestWebhookServer();
             RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "long-jobs-worker", EnumSet.of(QueueName.PLUGINS)).start()) {
            List<String> paths = List.of("/long-1", "/long-2", "/long-3");
            paths.forEach(path -> peer.respond(path, n -> -3000));
            List<String> ids = worker.store.enqueue(JobType.PLUGIN_EXECUTE_HOOK, paths.size(),
                    i -> hook(peer.url(paths.get(i))));

            for (String id : ids) {
                assertThat(worker.store.awaitState(id, "completed", Duration.ofSeconds(15)).attempts()).isEqualTo(1);
            }
            paths.forEach(path -> assertThat(peer.calls(path)).as(path).isEqualTo(1));
            assertThat(worker.stats.processed()).isEqualTo(3);
            worker.store.assertInvariant(QueueName.PLUGINS);
        }
    }

    /**
     * As many CPU-bound handlers as the virtual threads have carriers, for 2.5 visibility timeouts: the lease loop,
     * on its own platform thread, still renews every lease in time, so no entry ever gets idle enough to be
     * reclaimed and no job runs twice.
     */
    @Test
    void handlersHoggingEveryCarrierDoNotStallLeaseRenewal() {
        int carriers = Runtime.getRuntime().availableProcessors();
        ScriptedHandler spinner = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK,
                c -> ScriptedHandler.spin(Duration.ofMillis(2500)));
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "busy-cpu-worker", EnumSet.of(QueueName.SYSTEM),
                     List.of(spinner)).start()) {
            List<String> ids = worker.store.enqueue(JobType.SYSTEM_HEALTH_CHECK, carriers, i -> "{}");
            await().atMost(Duration.ofSeconds(10)).until(() -> spinner.running() == carriers);

            AtomicLong mostIdle = new AtomicLong();
            while (spinner.running() > 0) {
                mostIdle.accumulateAndGet(mostIdleMs(redis), Math::max);
                ScriptedHandler.ignoreCancellation(Duration.ofMillis(50));
            }

            // Idle as long as the visibility timeout, an entry may be reclaimed: the job would run twice.
            assertThat(mostIdle.get()).as("longest a running job's entry went unrenewed, ms").isLessThan(1000);
            for (String id : ids) {
                assertThat(worker.store.awaitState(id, "completed", Duration.ofSeconds(10)).attempts()).isEqualTo(1);
            }
            assertThat(spinner.runs()).hasSize(carriers);
            worker.store.assertInvariant(QueueName.SYSTEM);
        }
    }

    /** The largest idle time among the pending entries of the system queue, read straight from the server. */
    private static long mostIdleMs(RedisTestServer redis) {
        String[] rows = redis.command("XPENDING", QueueKeys.of(QueueName.SYSTEM).stream(), QueueKeys.CONSUMER_GROUP,
                "-", "+", "100").split("\n");
        long most = 0;
        for (int i = 2; i < rows.length; i += 4) {
            most = Math.max(most, Long.parseLong(rows[i]));
        }
        return most;
    }

    /** A plugin.execute-hook payload delivering to {@code url}. */
    static String hook(String url) {
        return "{\"pluginId\":\"crm\",\"hook\":\"contact.created\",\"url\":\"" + url + "\",\"body\":{}}";
    }
}
