package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker without a handler for a job defers it; when Redis refuses the defer, the job must not keep its slot and
 * its lease forever. Here the worker's Redis user may not touch the queue's delayed index, which of what this worker
 * does only defer (and promote) needs: Redis refuses each defer whole, before running it, until access is granted.
 */
@QuarkusTest
class DeferFailureTest {

    private static final QueueName Q = QueueName.PLUGINS;
    private static final QueueKeys K = QueueKeys.of(Q);
    private static final String HOOK =
            "{\"pluginId\":\"crm\",\"hook\":\"h\",\"url\":\"http://127.0.0.1:9/\",\"body\":{}}";

    @Inject
    Engines engines;

    @Test
    void aFailedDeferFreesItsSlotAndTheJobIsDeferredOnceRedisAcceptsIt() {
        try (RedisTestServer redis = new RedisTestServer(); IsolatedStore producer = engines.store(redis)) {
            redis.command("ACL", "SETUSER", "worker", "on", ">secret", "+@all", "&*", "resetkeys",
                    "~" + K.stream(), "~" + K.counts(), "~" + K.meta(), "~" + K.limits(), "~" + K.jobPrefix() + "*",
                    "~" + K.prioritized(), "~" + K.prioritizedStream(), "~" + K.wake());
            IsolatedStore restricted = engines.store("redis://worker:secret@127.0.0.1:" + redis.port());
            try (TestEngine handlerless = engines.engine(restricted, "handlerless-worker", EnumSet.of(Q),
                    new HandlerRegistry(List.of())).start()) {
                // plugins: concurrency 2, so two jobs whose defer fails would take every slot for good.
                List<String> ids = new ArrayList<>(producer.enqueue(JobType.PLUGIN_EXECUTE_HOOK, 2, i -> HOOK));
                // Each defer is retried while its 1 s lease holds, then the job is handed back, claimed again... for
                // longer than the worker used to retry a defer (about 3 s) before losing the slot.
                ScriptedHandler.ignoreCancellation(Duration.ofSeconds(4));

                redis.command("ACL", "SETUSER", "worker", "~" + K.delayed());
                ids.add(producer.enqueue(JobType.PLUGIN_EXECUTE_HOOK, HOOK));

                for (String id : ids) {
                    assertThat(producer.awaitState(id, "delayed", Duration.ofSeconds(10)).attempts()).as(id).isZero();
                }
                assertThat(handlerless.stats.active()).isZero();
                producer.assertInvariant(Q);
            }
        }
    }
}
