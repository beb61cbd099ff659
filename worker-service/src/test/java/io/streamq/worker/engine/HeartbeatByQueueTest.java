package io.streamq.worker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.WorkerHeartbeat;
import io.streamq.core.job.WorkerQueueStats;
import io.streamq.core.keys.WorkerKeys;
import io.streamq.core.script.ScriptRunner;
import io.streamq.core.store.WorkerRegistry;
import io.streamq.testing.RedisTestServer;
import io.streamq.worker.handler.JobFailure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One worker process serving two queues says, in its heartbeat, what it does on each: a queue's slots, running jobs,
 * processed and failed jobs are that queue's only; the flat fields are their sums.
 */
@QuarkusTest
class HeartbeatByQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Engines engines;
    @Inject
    QueueCatalog catalog;
    @Inject
    ObjectMapper mapper;

    @Test
    void eachServedQueueCarriesItsOwnNumbers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedHandler workflows = new ScriptedHandler(JobType.WORKFLOW_START_RUN, c -> "started");
        ScriptedHandler system = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK, c -> {
            if (c.job().payload().contains("fail")) {
                throw new JobFailure("test-failure", "fails for good", false);
            }
            if (c.job().payload().contains("hold")) {
                release.await();
            }
            return "ok";
        });
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "two-queue-worker",
                     EnumSet.of(QueueName.WORKFLOWS, QueueName.SYSTEM), List.of(workflows, system)).start()) {
            worker.store.enqueue(JobType.WORKFLOW_START_RUN, 3, i -> "{\"workflowId\":\"wf.v1\",\"input\":{}}");
            worker.store.enqueue(JobType.SYSTEM_HEALTH_CHECK,
                    List.of("{\"probe\":\"ok\"}", "{\"probe\":\"fail\"}", "{\"probe\":\"hold\"}"));
            HeartbeatContent content = new HeartbeatContent("two-queue-worker", "test-host", 1_000, "9.8.7");
            WorkerRegistry registry = new WorkerRegistry(new ScriptRunner(worker.store.reactive));

            await().atMost(WAIT).until(() -> {
                WorkerHeartbeat hb = content.of(worker.engine.healthyQueues(), this::concurrency, worker.stats, 0);
                return hb.byQueue().get("workflows").processed() == 3 && hb.byQueue().get("system").processed() == 2
                        && hb.byQueue().get("system").active() == 1;
            });
            WorkerHeartbeat sent = content.of(worker.engine.healthyQueues(), this::concurrency, worker.stats,
                    System.currentTimeMillis());
            registry.beat(sent.workerId(), mapper.writeValueAsString(sent), Duration.ofSeconds(30)).await()
                    .atMost(WAIT);
            WorkerHeartbeat hb = mapper.readValue(redis.command("GET", WorkerKeys.heartbeatPrefix()
                    + "two-queue-worker"), WorkerHeartbeat.class);

            assertThat(hb.queues()).containsExactly("workflows", "system");
            assertThat(hb.version()).isEqualTo("9.8.7");
            WorkerQueueStats wf = hb.byQueue().get("workflows");
            WorkerQueueStats sys = hb.byQueue().get("system");
            assertThat(wf.concurrency()).isEqualTo(concurrency(QueueName.WORKFLOWS));
            assertThat(wf.active()).isZero();
            assertThat(wf.processed()).isEqualTo(3);
            assertThat(wf.failed()).isZero();
            assertThat(sys.concurrency()).isEqualTo(concurrency(QueueName.SYSTEM));
            assertThat(sys.active()).as("the held health check").isEqualTo(1);
            assertThat(sys.processed()).isEqualTo(2);
            assertThat(sys.failed()).isEqualTo(1);
            assertThat(hb.byQueue()).containsOnlyKeys("workflows", "system");
            // The worker's totals are the sums of its queues' numbers.
            assertThat(hb.concurrency()).isEqualTo(wf.concurrency() + sys.concurrency());
            assertThat(hb.active()).isEqualTo(1);
            assertThat(hb.processed()).isEqualTo(5);
            assertThat(hb.failed()).isEqualTo(1);
            assertThat(hb.avgProcessingMs()).isCloseTo((wf.avgProcessingMs() * 3 + sys.avgProcessingMs() * 2) / 5,
                    org.assertj.core.api.Assertions.within(1e-9));

            release.countDown();
            await().atMost(WAIT).until(() -> worker.stats.of(QueueName.SYSTEM, 0).processed() == 3);
            assertThat(worker.stats.of(QueueName.SYSTEM, 0).active()).isZero();
            assertThat(worker.stats.of(QueueName.WORKFLOWS, 0).processed()).as("untouched by the other queue")
                    .isEqualTo(3);
        } finally {
            release.countDown();
        }
    }

    private int concurrency(QueueName queue) {
        return catalog.settings(queue).concurrency();
    }
}
