package io.streamq.worker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobView;
import io.streamq.testing.RedisTestServer;
import io.streamq.worker.handlers.Peers;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
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

    private static final String SLOW_DOMAIN = "@slow-shutdown.test";

    @Inject
    Engines engines;

    @Inject
    ObjectMapper mapper;

    /**
     * Bulk emails are the long jobs: an SMTP peer that takes 50 ms per message makes each take seconds. The stopping
     * worker's handlers finish the chunk they are sending, record it and stop; the other worker sends the rest.
     */
    @Test
    void jobsOfAStoppedWorkerGoBackUnspentAndTheOtherFinishesThemSendingNothingTwice() throws Exception {
        GreenMail smtp = Peers.smtp();
        UserManager users = smtp.getUserManager();
        MessageDeliveryHandler deliver = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, to) -> {
            if (to.getEmail().endsWith(SLOW_DOMAIN)) {
                ScriptedHandler.ignoreCancellation(Duration.ofMillis(50));
            }
            return deliver.handle(message, to);
        });
        // Two jobs sending a chunk of 4 each stay within the mail client's pool of 10 connections: beyond it, sends
        // were seen to hang (with keep-alive off, as in the test profile).
        int jobs = 2;
        int recipients = 40;
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine stopping = engines.engine(redis, "stopping-worker", EnumSet.of(QueueName.EMAIL)).start();
             TestEngine staying = engines.engine(redis, "staying-worker", EnumSet.of(QueueName.EMAIL))) {
            List<String> ids = stopping.store.enqueue(JobType.EMAIL_SEND_BULK, jobs, j -> bulk(j, recipients));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> IntStream.range(0, jobs).allMatch(j -> sent(smtp, j) > 0));
            staying.start();

            // 1.5 s for the jobs to finish (they cannot), then 1.5 s for the handlers to finish their chunk.
            long stopMs = stopping.stop(Duration.ofSeconds(3));

            assertThat(stopMs).isLessThan(4000);
            for (int j = 0; j < jobs; j++) {
                JobView job = stopping.store.job(ids.get(j));
                assertThat(job.attempts()).as("attempts of %s right after the stop", job.id()).isLessThanOrEqualTo(1);
                assertThat(sent(smtp, j)).as("mails of %s sent before the stop", job.id()).isLessThan(recipients);
            }
            for (String id : ids) {
                JobView done = staying.store.awaitState(id, "completed", Duration.ofSeconds(15));
                assertThat(done.attempts()).isEqualTo(1);
                JsonNode result = mapper.readTree(done.result());
                assertThat(result.path("sentEarlier").asInt()).as("sent by the stopped worker").isPositive();
                assertThat(result.path("sent").asInt()).isEqualTo(recipients);
            }
            Map<String, Long> perRecipient = Arrays.stream(smtp.getReceivedMessages()).map(GracefulShutdownTest::to)
                    .filter(to -> to.endsWith(SLOW_DOMAIN) && to.startsWith("stop-"))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(perRecipient).hasSize(jobs * recipients).allSatisfy((to, n) -> assertThat(n).as(to).isOne());
            assertThat(stopping.stats.processed()).isZero();
            assertThat(staying.stats.processed()).isEqualTo(jobs);
            staying.store.assertInvariant(QueueName.EMAIL);
        } finally {
            users.setMessageDeliveryHandler(deliver);
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

    private static String bulk(int job, int recipients) {
        String to = IntStream.range(0, recipients).mapToObj(r -> "\"stop-" + job + "-" + r + SLOW_DOMAIN + "\"")
                .collect(Collectors.joining(","));
        return "{\"campaignId\":\"shutdown-" + job + "\",\"template\":\"newsletter\",\"recipients\":[" + to + "]}";
    }

    /** Mails delivered for the j-th bulk job. */
    private static long sent(GreenMail smtp, int job) {
        return Arrays.stream(smtp.getReceivedMessages()).map(GracefulShutdownTest::to)
                .filter(to -> to.startsWith("stop-" + job + "-")).count();
    }

    private static String to(Message m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
