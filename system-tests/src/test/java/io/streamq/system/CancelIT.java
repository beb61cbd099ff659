package io.streamq.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.AbortWatchingPeer;
import io.streamq.testing.ServiceApp;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client app cancels its running job through the producer while two worker-service processes consume the queue:
 * the process holding the job aborts its call to the peer, the job reads cancelled, a client waiting for its result
 * is answered at once, and nothing runs it again.
 */
class CancelIT {

    @Test
    void aRunningWebhookIsStoppedOnTheReplicaHoldingItAndItsWaiterAnswered() throws Exception {
        try (AbortWatchingPeer peer = new AbortWatchingPeer();
             Platform platform = new Platform("cancel-running", Map.of(
                     "STREAMQ_WORKER_QUEUES", "plugins",
                     "STREAMQ_QUEUE_PLUGINS_VISIBILITY_TIMEOUT", "PT2S",
                     "STREAMQ_QUEUE_PLUGINS_BACKOFF_TYPE", "fixed",
                     "STREAMQ_QUEUE_PLUGINS_BACKOFF_DELAY", "PT0.1S"))) {
            ServiceApp a = platform.startWorker("worker-a");
            ServiceApp b = platform.startWorker("worker-b");
            String id = platform.enqueueHooks(1, peer.url("/hook")).getFirst();
            peer.firstRequestAt().get(30, TimeUnit.SECONDS);
            CompletableFuture<HttpResponse<String>> waiter = CompletableFuture.supplyAsync(() ->
                    platform.send(platform.producer(), "GET", "/v1/jobs/" + id + "?wait=30", null, Map.of()));
            await().atMost(Duration.ofSeconds(5)).until(() -> platform.redis().command("HEXISTS",
                    QueueKeys.of(QueueName.PLUGINS).job(id), "watched").equals("1"));

            long cancelAt = System.nanoTime();
            JsonNode cancelled = platform.call(platform.producer(), "POST", "/v1/jobs/" + id + "/cancel", null,
                    Map.of(), 200);

            assertThat(cancelled.get("state").asText()).isEqualTo("cancelled");
            assertThat(cancelled.get("from").asText()).isEqualTo("active");
            long abortedAt = peer.firstAbortAt().get(1, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(abortedAt - cancelAt))
                    .as("ms from the cancel to the peer's connection closing").isLessThan(1_000);
            HttpResponse<String> answered = waiter.get(1, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.body()).contains("\"state\":\"cancelled\"");

            TimeUnit.SECONDS.sleep(3);
            JsonNode job = platform.job(id);
            assertThat(job.get("state").asText()).isEqualTo("cancelled");
            assertThat(job.get("attempts").asInt()).isEqualTo(1);
            assertThat(peer.requests()).as("no retry, no recovery reached the peer").isEqualTo(1);
            assertThat(platform.redis().command("XLEN", QueueKeys.of(QueueName.PLUGINS).deadStream()))
                    .as("nothing went to the DLQ").isEqualTo("0");
            platform.call(platform.producer(), "POST", "/v1/jobs/" + id + "/cancel", null, Map.of(), 409);
            assertThat(a.alive() && b.alive()).as("both workers still up").isTrue();
            platform.invariants().assertHolds(QueueName.PLUGINS);
        }
    }
}
