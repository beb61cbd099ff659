package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.store.JobReports;
import io.streamq.producer.Waiting.Answer;
import io.streamq.producer.wait.FinishedJobs;
import io.streamq.producer.wait.JobWaiters;
import io.streamq.security.audit.AuditEntry;
import io.streamq.security.audit.AuditKind;
import io.streamq.security.audit.AuditLog;
import io.streamq.security.audit.AuditQuery;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.streamq.producer.Api.assertNamesField;
import static io.streamq.producer.Api.assertProblem;
import static io.streamq.producer.CancelTest.QUEUE;
import static io.streamq.producer.CancelTest.enqueue;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /v1/jobs/{id}?wait=: answered when the job is final or the wait is over, woken by Redis pub/sub. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class WaitTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    TestWorker worker;

    @Inject
    JobReports reports;

    @Inject
    JobWaiters waiters;

    @Inject
    FinishedJobs finishedJobs;

    @Inject
    AuditLog auditLog;

    private final String token = TestTokens.producerOf(Api.newTenant());

    /** A waited-for answer and when the job it waits for was completed ({@link System#nanoTime()}). */
    private record Completed(CompletableFuture<Answer> answer, long completedAtNanos) {
    }

    /** Enqueues a job, waits for it (up to {@code waitSeconds}) and completes it once the wait is registered. */
    private Completed completeWhileWaitedFor(int waitSeconds) {
        String id = enqueue(token, 0);
        ClaimedJob job = worker.claim(QUEUE, id);
        CompletableFuture<Answer> waiting = Waiting.get(base, token, Waiting.waitPath(id, waitSeconds));
        Waiting.awaitWatched(QUEUE, id);
        worker.complete(job);
        return new Completed(waiting, System.nanoTime());
    }

    @Test
    void answersSoonAfterTheJobCompletes() throws Exception {
        List<Long> latenciesMs = new ArrayList<>();
        for (int run = 0; run < 20; run++) {
            Completed completed = completeWhileWaitedFor(10);
            Answer answer = completed.answer().get(10, TimeUnit.SECONDS);

            assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
            assertThat(answer.state()).isEqualTo("completed");
            assertThat(answer.json().path("result").path("ok").asBoolean()).isTrue();
            latenciesMs.add(Math.max(0, TimeUnit.NANOSECONDS.toMillis(answer.arrivedNanos()
                    - completed.completedAtNanos())));
        }
        // Each within a second (a wait of 10 s that ran out would take far longer); the median shows no poll cycle.
        assertThat(latenciesMs).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
        List<Long> sorted = latenciesMs.stream().sorted().toList();
        assertThat(sorted.get(sorted.size() / 2)).as("median of %s", latenciesMs).isLessThan(100);
    }

    @Test
    void answersTheCurrentStateWithProgressWhenTheWaitEnds() throws Exception {
        String id = enqueue(token, 0);
        ClaimedJob job = worker.claim(QUEUE, id);
        reports.report(job, TestWorker.CONSUMER, "{\"percent\":40,\"data\":{\"step\":\"fetch\"}}", List.of()).await()
                .atMost(TestWorker.WAIT);
        long sent = System.nanoTime();

        Answer answer = Waiting.get(base, token, Waiting.waitPath(id, 1)).get(10, TimeUnit.SECONDS);

        assertThat(TimeUnit.NANOSECONDS.toMillis(answer.arrivedNanos() - sent)).isGreaterThanOrEqualTo(950);
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        assertThat(answer.state()).isEqualTo("active");
        assertThat(answer.json().path("progress").path("percent").asInt()).isEqualTo(40);
        assertThat(answer.json().path("progress").path("data").path("step").asText()).isEqualTo("fetch");
        assertThat(answer.json().path("progressAt").asText()).isNotEmpty();
        Waiting.await("waiter removed", () -> waiters.size() == 0);
    }

    @Test
    void answersCancelledAndFailedJobs() throws Exception {
        String failed = enqueue(token, 0);
        ClaimedJob failing = worker.claim(QUEUE, failed);
        String cancelled = enqueue(token, 0);
        CompletableFuture<Answer> waitCancelled = Waiting.get(base, token, Waiting.waitPath(cancelled, 20));
        CompletableFuture<Answer> waitFailed = Waiting.get(base, token, Waiting.waitPath(failed, 20));
        Waiting.awaitWatched(QUEUE, cancelled);
        Waiting.awaitWatched(QUEUE, failed);

        assertThat(worker.cancel(cancelled).cancelled()).isTrue();
        worker.failToDlq(failing);

        // Well before the 20 s wait runs out.
        Answer c = waitCancelled.get(5, TimeUnit.SECONDS);
        assertThat(c.state()).isEqualTo("cancelled");
        assertThat(c.json().path("cancelledBy").asText()).isEqualTo("test-owner");
        assertThat(c.json().path("cancelledFrom").asText()).isEqualTo("waiting");
        // Woken on the pub/sub thread, answered in its own request: the data-access entry names that request.
        List<AuditEntry> access = auditLog.query(AuditQuery.of(AuditKind.DATA_ACCESS).jobId(cancelled)).await()
                .atMost(TestWorker.WAIT).items();
        assertThat(access).extracting(AuditEntry::requestId)
                .containsExactly(c.response().headers().firstValue("X-Request-Id").orElseThrow());
        Answer f = waitFailed.get(5, TimeUnit.SECONDS);
        assertThat(f.state()).isEqualTo("failed");
        assertThat(f.json().path("lastError").path("code").asText()).isEqualTo("test-failure");
    }

    @Test
    void finishedJobAnswersAtOnce() throws Exception {
        String id = enqueue(token, 0);
        worker.complete(worker.claim(QUEUE, id));

        Answer answer = Waiting.get(base, token, Waiting.waitPath(id, 60)).get(5, TimeUnit.SECONDS);

        assertThat(answer.state()).isEqualTo("completed");
    }

    @Test
    void anotherTenantsJobIs404WithoutWaitingOrMarkingIt() throws Exception {
        String id = enqueue(TestTokens.producerOf(Api.newTenant()), 0);

        assertProblem(Api.get(token, Waiting.waitPath(id, 30)), 404);
        assertProblem(Api.get(token, Waiting.waitPath(QUEUE.wireName() + "-999999999", 30)), 404);
        assertProblem(Api.get(token, Waiting.waitPath("nope", 30)), 404);

        assertThat(TestRedis.jobField(QUEUE, id, "watched")).isNull();
    }

    @Test
    void badWaitIs400NamingWait() throws Exception {
        String id = enqueue(token, 0);
        for (String bad : List.of("abc", "-1", "61", "1.5", "1e1", "0x10", "%20")) {
            assertNamesField(Api.get(token, "/v1/jobs/" + id + "?wait=" + bad), "wait");
        }
        // Present but empty is not a number either (sent byte for byte, as a client would).
        Answer empty = Waiting.get(base, token, "/v1/jobs/" + id + "?wait=").get(10, TimeUnit.SECONDS);
        assertThat(empty.status()).as(empty.response().body()).isEqualTo(400);
        assertThat(empty.response().body()).contains("\"field\":\"wait\"");
        assertThat(Api.get(token, "/v1/jobs/" + id + "?wait=0").jsonPath().getString("state")).isEqualTo("waiting");
    }

    @Test
    void waiterOfAClientThatGoesAwayIsRemoved() throws Exception {
        String id = enqueue(token, 0);
        int before = waiters.size();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + Waiting.waitPath(id, 60) + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Waiting.awaitWatched(QUEUE, id);
            assertThat(waiters.size()).isEqualTo(before + 1);
        }
        Waiting.await("waiter of the closed connection removed", () -> waiters.size() == before);
    }

    @Test
    void answersAfterTheSubscriptionWasLost() throws Exception {
        TestRedis.command("CLIENT", "KILL", "TYPE", "pubsub");
        Waiting.await("subscription lost", () -> !finishedJobs.subscribed());
        // Most likely registered and finished before the subscription is back (1 s): then only the look at every
        // waited-for job after re-subscribing can wake it.
        Completed meanwhile = completeWhileWaitedFor(30);

        assertThat(meanwhile.answer().get(10, TimeUnit.SECONDS).state()).isEqualTo("completed");
        Waiting.await("subscribed again", finishedJobs::subscribed);
        assertThat(TestRedis.command("PUBSUB", "NUMSUB", Channels.JOB_FINISHED))
                .isEqualTo(Channels.JOB_FINISHED + "\n1");

        // And the new subscription delivers.
        CompletableFuture<Answer> waitingNext = completeWhileWaitedFor(30).answer();
        assertThat(waitingNext.get(5, TimeUnit.SECONDS).state()).isEqualTo("completed");
    }
}
