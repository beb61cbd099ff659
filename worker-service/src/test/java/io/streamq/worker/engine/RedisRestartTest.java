package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.PeerServer;
import io.streamq.worker.handlers.Peers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs that finish while Redis restarts run once: their outcomes are retried until Redis is back, which is well
 * within their lease, and each counts as processed once. The outage (5 s) outlasts what the worker used to retry
 * for (five tries, about 3 s), after which the jobs ran again when their visibility timeout (30 s) passed.
 */
@QuarkusTest
class RedisRestartTest {

    private static final QueueName Q = QueueName.WORKFLOWS;

    @Inject
    Engines engines;

    @Test
    void jobsFinishingWhileRedisRestartsRunOnceAndCountOnce() {
        PeerServer workflowEngine = Peers.http();
        List<String> steps = List.of("restart-a", "restart-b", "restart-c");
        steps.forEach(step -> workflowEngine.on(path(step), (n, request) -> PeerServer.Answer.slow(500, "{}")));
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "restart-worker", Set.of(Q)).start()) {
            List<String> ids = worker.store.enqueue(JobType.WORKFLOW_EXECUTE_STEP, steps.size(),
                    i -> "{\"runId\":\"run-restart\",\"stepId\":\"" + steps.get(i) + "\"}");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> steps.stream().allMatch(step -> workflowEngine.calls(path(step)) == 1));

            // The steps answer 0.5 s after they arrived: every outcome is due while Redis is down, for 4.5 s more.
            redis.restart(Duration.ofSeconds(5));

            for (String id : ids) {
                assertThat(worker.store.awaitState(id, "completed", Duration.ofSeconds(10)).attempts()).isEqualTo(1);
            }
            steps.forEach(step -> assertThat(workflowEngine.calls(path(step))).as(step).isEqualTo(1));
            assertThat(worker.stats.processed()).isEqualTo(steps.size());
            worker.store.assertInvariant(Q);
        }
    }

    private static String path(String step) {
        return "/engine/runs/run-restart/steps/" + step + "/execute";
    }
}
