package io.streamq.worker.engine;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobView;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.IntegrationStore;
import io.streamq.testing.RedisTestServer;
import io.streamq.worker.email.EmailSendBulkHandler;
import io.streamq.worker.email.EmailSender;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reproductions of defects found in a cold review of the worker engine. Each test drives the real engine classes
 * against a private redis-server; each failed on the code it was written against and guards against its defect since.
 * The finding's number is the one of the review report. Test profile: ai.generate-text times out after 1 s, handler-stop-wait 2 s, call-timeout 2 s,
 * email.send-bulk times out after 10 s and sends 4 recipients per chunk, system has a 1 s visibility timeout.
 */
@QuarkusTest
class EngineReviewFindingsTest {

    private static final String PROMPT = "{\"prompt\":\"p\",\"model\":\"m\",\"maxTokens\":16}";

    @Inject
    Engines engines;

    @Inject
    IntegrationStore integrations;

    @Inject
    IntegrationsConfig integrationsConfig;

    @Inject
    io.quarkus.qute.Engine qute;

    /**
     * Finding 1. A bulk email whose chunk in flight straddles the job's timeout: the handler (by design) waits for
     * the chunk it sent, but for up to the whole job timeout, far past handler-stop-wait. The engine's watchdog takes
     * it for a handler ignoring its cancellation and dead-letters the job as handler-unresponsive on its first
     * attempt; the handler then returns a result with every recipient reached, which is thrown away. The job, whose
     * work was done, ends failed in the DLQ.
     * Here the SMTP server takes 6 s per message of the first chunk and 8 s per message of the second (sent at 6 s,
     * answered at 14 s); the 10 s timeout falls inside the second chunk, handler-unresponsive fires at 12 s.
     */
    @Test
    void finding1_bulkEmailWaitingForItsChunkInFlightIsDeadLetteredAsUnresponsiveThoughItSucceeds() {
        List<String> recipients = IntStream.range(0, 8).mapToObj(i -> "slow" + i + "@bulk-review.test").toList();
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        AtomicInteger sends = new AtomicInteger();
        ReactiveMailer slowSmtp = mails -> {
            int n = sends.incrementAndGet();
            long delayMs = n <= 4 ? 6000 : n <= 8 ? 8000 : 0;
            Uni<Void> accepted = delayMs == 0 ? Uni.createFrom().voidItem()
                    : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(delayMs));
            return accepted.invoke(() -> {
                for (Mail mail : mails) {
                    mail.getTo().forEach(to -> received.computeIfAbsent(to, t -> new AtomicInteger()).incrementAndGet());
                }
            });
        };
        EmailSendBulkHandler bulk = new EmailSendBulkHandler(new EmailSender(slowSmtp, qute), integrations,
                integrationsConfig);
        String payload = "{\"campaignId\":\"review-%s\",\"template\":\"newsletter\",\"recipients\":[%s]}".formatted(
                UUID.randomUUID(), recipients.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",")));
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "slow-smtp-worker", EnumSet.of(QueueName.EMAIL),
                     List.of(bulk)).start()) {
            String id = worker.store.enqueue(JobType.EMAIL_SEND_BULK, payload);

            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Set.of("completed", "failed").contains(worker.store.job(id).state()));
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.stats.active() == 0);

            JobView job = worker.store.job(id);
            assertThat(job.state()).as("a bulk email whose every recipient was reached, last error %s",
                    job.lastError() == null ? null : job.lastError().code()).isEqualTo("completed");
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(recipients);
            assertThat(received.values()).as("nobody gets the mail twice").allSatisfy(n -> assertThat(n.get())
                    .isEqualTo(1));
            worker.store.assertInvariant(QueueName.EMAIL);
        }
    }

    /**
     * Finding 2. A handler ignoring its cancellation is dead-lettered as handler-unresponsive while it still runs;
     * here Redis refuses that fail-to-dlq (the worker may not write the failed index), so the worker retries it
     * within the job's lease. The handler then returns: its thread drops the job from {@code running} although its
     * outcome is still being recorded, so its lease is no longer renewed and the next recovery round takes its
     * pending entry for a lost claim's orphan: the job is handed back (attempt refunded) and runs a second time,
     * and the dead-letter is refused when Redis accepts it.
     */
    @Test
    void finding2_unresponsiveJobWhoseHandlerReturnsWhileItsDeadLetterIsRetriedIsHandedBackAndRunsAgain() {
        QueueName q = QueueName.AI;
        QueueKeys k = QueueKeys.of(q);
        AtomicInteger calls = new AtomicInteger();
        // 1 s timeout + 2 s stop wait: dead-lettered at 3 s; the deaf first run returns at 4 s. Later runs are quick.
        ScriptedHandler deafOnce = new ScriptedHandler(JobType.AI_GENERATE_TEXT,
                c -> calls.incrementAndGet() == 1 ? ScriptedHandler.ignoreCancellation(Duration.ofSeconds(4)) : "text");
        try (RedisTestServer redis = new RedisTestServer(); IsolatedStore producer = engines.store(redis)) {
            allowEveryKeyButTheFailedIndex(redis, k);
            IsolatedStore restricted = engines.store("redis://worker:secret@127.0.0.1:" + redis.port());
            try (TestEngine worker = engines.engine(restricted, "deaf-once-worker", EnumSet.of(q),
                    new HandlerRegistry(List.of(deafOnce))).start()) {
                String id = producer.enqueue(JobType.AI_GENERATE_TEXT, PROMPT);
                await().atMost(Duration.ofSeconds(10)).until(() -> deafOnce.runs().size() == 1);

                // A recovery round comes every 10 s (a third of ai's 30 s visibility timeout): let one pass.
                ScriptedHandler.ignoreCancellation(Duration.ofSeconds(11));

                assertThat(deafOnce.runs()).as("runs of a job being dead-lettered, its lease held").hasSize(1);
                assertThat(producer.job(id).state()).isEqualTo("active");

                redis.command("ACL", "SETUSER", "worker", "~" + k.failed());
                JobView failed = producer.awaitState(id, "failed", Duration.ofSeconds(10));
                assertThat(failed.lastError().code()).isEqualTo(JobProcessor.UNRESPONSIVE);
                assertThat(failed.attempts()).isEqualTo(1);
                producer.assertInvariant(q);
            }
        }
    }

    /**
     * Finding 2b. Same path, when Redis refuses the handler-unresponsive dead-letter until its bound (the lease known
     * when it was ready): the watchdog gives up and drops the job from {@code running} while its deaf handler still
     * runs. Its lease was renewed all along, so the entry is still held; the next recovery round takes it for a lost
     * claim's orphan and hands it back, and the job runs again beside its first attempt, which is what dead-lettering
     * it was meant to prevent. plugins: execute-hook times out after 4 s, visibility timeout 1 s.
     */
    @Test
    void finding2b_unresponsiveJobWhoseDeadLetterGaveUpRunsAgainBesideItsStillRunningHandler() {
        QueueName q = QueueName.PLUGINS;
        QueueKeys k = QueueKeys.of(q);
        AtomicInteger calls = new AtomicInteger();
        // Dead-lettered at 6 s (4 s timeout + 2 s stop wait), given up about a second later; the deaf run ends at 12 s.
        ScriptedHandler deafOnce = new ScriptedHandler(JobType.PLUGIN_EXECUTE_HOOK,
                c -> calls.incrementAndGet() == 1 ? ScriptedHandler.ignoreCancellation(Duration.ofSeconds(12)) : "done");
        try (RedisTestServer redis = new RedisTestServer(); IsolatedStore producer = engines.store(redis)) {
            allowEveryKeyButTheFailedIndex(redis, k);
            IsolatedStore restricted = engines.store("redis://worker:secret@127.0.0.1:" + redis.port());
            try (TestEngine worker = engines.engine(restricted, "deaf-gave-up-worker", EnumSet.of(q),
                    new HandlerRegistry(List.of(deafOnce))).start()) {
                producer.enqueue(JobType.PLUGIN_EXECUTE_HOOK, LeaseTest.hook("http://127.0.0.1:9/"));

                await().atMost(Duration.ofSeconds(20)).until(() -> deafOnce.runs().stream()
                        .anyMatch(r -> r.endNanos() - r.startNanos() >= Duration.ofSeconds(12).toNanos()));

                assertThat(deafOnce.mostAtOnce()).as("attempts of one job running at once").isEqualTo(1);
            }
        }
    }

    private static void allowEveryKeyButTheFailedIndex(RedisTestServer redis, QueueKeys k) {
        redis.command("ACL", "SETUSER", "worker", "on", ">secret", "+@all", "&*", "resetkeys",
                "~" + k.stream(), "~" + k.counts(), "~" + k.meta(), "~" + k.limits(), "~" + k.jobPrefix() + "*",
                "~" + k.delayed(),
                "~" + k.completed(), "~" + k.succeededAfterDlq(), "~" + k.processingTimes(),
                "~" + k.deadStream(), "~" + k.failureCounts(), "~" + k.failureJobs(), "~" + k.failureLastSeen(),
                "~" + k.failureCountedSince(),
                "~" + k.minutePrefix() + "*", "~" + k.prioritized(), "~" + k.prioritizedStream(), "~" + k.wake());
    }

    /**
     * Finding 3. Graceful shutdown hands back only jobs whose handler is running. A job dispatched whose virtual
     * thread has not reached its handler yet (every carrier is busy with CPU-bound handlers deaf to their stop) is
     * neither cancelled into a hand-back nor handed back at the deadline: it stays active under the stopped worker
     * and is recovered only after the visibility timeout, its attempt spent (a "stalled" attempt).
     */
    @Test
    void finding3_aJobNotYetStartedAtTheShutdownDeadlineIsNotHandedBack() {
        int carriers = Runtime.getRuntime().availableProcessors();
        ScriptedHandler spinner = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK,
                c -> ScriptedHandler.spin(Duration.ofSeconds(5)));
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "starved-worker", EnumSet.of(QueueName.SYSTEM),
                     List.of(spinner)).start()) {
            // One job more than there are carriers: it is claimed (system: concurrency 64) but cannot start.
            List<String> ids = worker.store.enqueue(JobType.SYSTEM_HEALTH_CHECK, carriers + 1, i -> "{}");
            await().atMost(Duration.ofSeconds(10)).until(() -> spinner.running() == carriers);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> ids.stream().allMatch(id -> "active".equals(worker.store.job(id).state())));

            worker.stop(Duration.ofSeconds(1));

            try {
                for (String id : ids) {
                    JobView job = worker.store.job(id);
                    assertThat(job.state()).as("%s after a graceful stop", id).isEqualTo("waiting");
                    assertThat(job.attempts()).as(id).isZero();
                }
            } finally {
                // The deaf spinners keep the carriers for the rest of their 5 s; do not leave them to the next test.
                await().atMost(Duration.ofSeconds(10)).until(() -> spinner.running() == 0);
            }
        }
    }
}
