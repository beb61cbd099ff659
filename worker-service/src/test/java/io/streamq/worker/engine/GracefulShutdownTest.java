package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobView;
import io.streamq.testing.RedisTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker stopping gracefully stops claiming on every queue at once, lets running jobs finish within its grace
 * period, then stops the handlers still running and hands their jobs back to waiting without spending an attempt,
 * so another worker runs them at once, at the same attempt.
 */
@QuarkusTest
class GracefulShutdownTest {

    private static final QueueName Q = QueueName.PLUGINS;

    @Inject
    Engines engines;

    /**
     * Under load (a backlog, every slot of both workers busy) a worker stops while its two webhook deliveries are in
     * progress: their handlers are stopped (the receiver sees the requests abandoned), the jobs go back to waiting
     * unspent, and the other worker delivers them, once, at the first attempt.
     */
    @Test
    void jobsOfAStoppedWorkerGoBackUnspentAndTheOtherDeliversThemOnce() {
        List<String> paths = IntStream.range(0, 6).mapToObj(i -> "/load-" + i).toList();
        try (AbortAwarePeer peer = new AbortAwarePeer();
             RedisTestServer redis = new RedisTestServer();
             TestEngine stopping = engines.engine(redis, "stopping-worker", EnumSet.of(Q)).start();
             TestEngine staying = engines.engine(redis, "staying-worker", EnumSet.of(Q))) {
            // A first delivery takes 3 s (under the 4 s hook timeout of the test profile), a later one 200 ms.
            paths.forEach(path -> peer.respond(path, n -> n == 1 ? 3000 : 200));
            List<String> ids = stopping.store.enqueue(JobType.PLUGIN_EXECUTE_HOOK, paths.size(),
                    i -> LeaseTest.hook(peer.url(paths.get(i))));
            await().atMost(Duration.ofSeconds(10)).until(() -> paths.stream().mapToInt(peer::arrived).sum() == 2);
            List<String> cut = paths.stream().filter(path -> peer.arrived(path) == 1).toList();
            staying.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> paths.stream().mapToInt(peer::arrived).sum() == 4);

            long stopMs = stopping.stop(Duration.ofSeconds(1));

            assertThat(stopMs).isLessThan(2000);
            List<JobView> afterStop = ids.stream().map(stopping.store::job).toList();
            assertThat(afterStop).allSatisfy(job -> assertThat(job.attempts()).as(job.id()).isLessThanOrEqualTo(1));
            for (String id : ids) {
                assertThat(staying.store.awaitState(id, "completed", Duration.ofSeconds(20)).attempts()).as(id)
                        .isEqualTo(1);
            }
            paths.forEach(path -> assertThat(peer.delivered(path)).as(path).isEqualTo(1));
            cut.forEach(path -> assertThat(peer.aborted(path)).as("abandoned by the stopped worker: " + path)
                    .isEqualTo(1));
            assertThat(stopping.stats.processed()).isZero();
            assertThat(staying.stats.processed()).isEqualTo(paths.size());
            staying.store.assertInvariant(Q);
        }
    }

    /**
     * Six queues each with a job that would run for a minute: the stop takes one grace period for all of them, not
     * one per batch of queues, and no queue claims the jobs that arrive while it stops.
     */
    @Test
    void stopCoversEveryQueueAtOnceWithinOneGraceAndClaimsNothingMeanwhile() {
        Map<JobType, String> perQueue = Map.of(
                JobType.AI_EMBED_CONTENT, "{\"contentId\":\"c-1\",\"text\":\"t\",\"model\":\"m\"}",
                JobType.WORKFLOW_START_RUN, "{\"workflowId\":\"wf.v1\",\"input\":{}}",
                JobType.ANALYTICS_TRACK_EVENT,
                "{\"event\":\"e\",\"occurredAt\":\"2024-05-31T12:00:00Z\",\"properties\":{}}",
                JobType.EMAIL_SEND_BULK,
                "{\"campaignId\":\"c\",\"template\":\"newsletter\",\"recipients\":[\"a@b.test\"]}",
                JobType.PLUGIN_SYNC, "{\"pluginId\":\"acme.sync\"}",
                JobType.SYSTEM_CLEANUP, "{\"olderThanHours\":72}");
        List<ScriptedHandler> handlers = perQueue.keySet().stream()
                .map(type -> new ScriptedHandler(type, c -> ScriptedHandler.sleep(Duration.ofMinutes(1)))).toList();
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "six-queue-worker", EnumSet.copyOf(perQueue.keySet().stream()
                     .map(JobType::queue).toList()), List.copyOf(handlers)).start()) {
            List<String> running = perQueue.entrySet().stream()
                    .map(e -> worker.store.enqueue(e.getKey(), e.getValue())).toList();
            await().atMost(Duration.ofSeconds(10)).until(() -> handlers.stream().allMatch(h -> h.running() == 1));

            CompletableFuture<List<String>> lateArrivals = CompletableFuture.supplyAsync(() -> {
                ScriptedHandler.ignoreCancellation(Duration.ofMillis(200));
                return perQueue.entrySet().stream().map(e -> worker.store.enqueue(e.getKey(), e.getValue())).toList();
            });
            long stopMs = worker.stop(Duration.ofSeconds(1));

            // Stopping the queues in batches (as many at once as CPUs) took a grace period per batch.
            assertThat(stopMs).isLessThan(2500);
            for (String id : running) {
                JobView job = worker.store.job(id);
                assertThat(job.state()).as(id).isEqualTo("waiting");
                assertThat(job.attempts()).as(id).isZero();
            }
            for (String id : lateArrivals.join()) {
                assertThat(worker.store.job(id).state()).as(id).isEqualTo("waiting");
            }
            assertThat(handlers).allSatisfy(h -> assertThat(h.runs()).hasSize(1));
            perQueue.keySet().forEach(type -> worker.store.assertInvariant(type.queue()));
        }
    }
}
