package io.streamq.dlq;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobView;
import io.streamq.core.job.Replay;
import io.streamq.core.job.ReplayVerdict;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.DlqReplayMark;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.JobStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ReplayTest {

    @Inject
    DlqTestSupport support;

    @Inject
    JobStore jobs;

    @Inject
    RedisDataSource redis;

    @Inject
    DlqStore store;

    @Test
    void fiftyConcurrentReplaysOfOneEntryEnqueueItOnce() throws Exception {
        DlqEntry e = support.deadJob(JobType.AI_GENERATE_TEXT, "{\"prompt\":\"concurrent\"}",
                DlqTestSupport.error("model-down", "model unavailable"));
        String token = TestTokens.owner("owner-1");
        long deliveriesBefore = support.deliveries(QueueName.AI, e.id());

        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String path = i % 2 == 0 ? "/owner/dlq/" : "/owner/queues/dlq/";
            calls.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(token).post(path + e.id() + "/replay").statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : calls) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(support.deliveries(QueueName.AI, e.id())).isEqualTo(deliveriesBefore + 1);
        JobView job = jobs.find(e.id()).await().atMost(Duration.ofSeconds(5)).orElseThrow();
        assertThat(job.state()).isEqualTo("waiting");
        assertThat(job.attempts()).isZero();
        DlqEntry after = support.find(e.id()).orElseThrow();
        assertThat(after.replayCount()).isEqualTo(1);
        assertThat(after.isReplayed()).isTrue();
        assertThat(after.lastReplayedAt()).isNotNull();
        assertThat(redis.key().exists(DlqKeys.replayLock(e.id()))).isFalse();
        // Leave the AI queue clean for other tests.
        support.failForGood(JobType.AI_GENERATE_TEXT, e.id(), DlqTestSupport.error("model-down", "again"));
    }

    @Test
    void replayedJobThatFailsAgainIsTheSameEntryAndTheSixthReplayIsRefused() {
        String owner = TestTokens.owner("owner-2");
        DlqEntry first = support.deadJob(JobType.AI_EMBED_CONTENT, "{\"text\":\"loop\"}",
                DlqTestSupport.error("quota", "quota exceeded for key 42"));
        double queueCount = redis.sortedSet(String.class).zscore(DlqKeys.countByQueue(), "ai").orElseThrow();
        // Other classes of this module share the Redis and may count "quota" entries of their own.
        double quotaCount = redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "quota").orElseThrow();

        DlqEntry previous = first;
        for (int n = 1; n <= 5; n++) {
            given().auth().oauth2(owner).post("/owner/dlq/" + first.id() + "/replay").then().statusCode(200)
                    .body("replayCount", equalTo(n)).body("replayed", equalTo(true));
            JobView job = jobs.find(first.id()).await().atMost(Duration.ofSeconds(5)).orElseThrow();
            assertThat(job.state()).isEqualTo("waiting");
            long lastBefore = previous.lastFailedAt();
            support.failForGood(JobType.AI_EMBED_CONTENT, first.id(),
                    DlqTestSupport.error("timeout-" + n, "timed out on run " + n));
            int expectedCount = n;
            DlqEntry again = support.awaitEntry(first.id(),
                    x -> x.lastFailedAt() > lastBefore || x.errorCode().equals("timeout-" + expectedCount));

            assertThat(again.id()).isEqualTo(first.id());
            assertThat(again.errorCode()).isEqualTo("timeout-" + n);
            assertThat(again.errorMessage()).isEqualTo("timed out on run " + n);
            assertThat(again.firstFailedAt()).isEqualTo(first.firstFailedAt());
            assertThat(again.replayCount()).isEqualTo(n);
            assertThat(again.isReplayed()).isTrue();
            assertThat(again.history()).contains("\"event\":\"replayed\"").contains("timeout-" + n);
            previous = again;
        }
        // One entry all along: the queue's count did not grow, the old error codes were uncounted.
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByQueue(), "ai").orElseThrow())
                .isEqualTo(queueCount);
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "quota").orElse(0))
                .isEqualTo(quotaCount - 1);
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "timeout-5")).isPresent();

        long deliveries = support.deliveries(QueueName.AI, first.id());
        given().auth().oauth2(owner).post("/owner/queues/dlq/" + first.id() + "/replay").then().statusCode(409)
                .body("type", equalTo("urn:problem-type:streamq:dlq:replay-limit-reached"));
        assertThat(support.deliveries(QueueName.AI, first.id())).isEqualTo(deliveries);
        assertThat(support.find(first.id()).orElseThrow().replayCount()).isEqualTo(5);
        assertThat(jobs.find(first.id()).await().atMost(Duration.ofSeconds(5)).orElseThrow().state())
                .isEqualTo("failed");
    }

    @Test
    void replayWhoseJobFailsAgainBeforeItIsMarkedCountsOnce() {
        DlqEntry e = support.deadJob(JobType.AI_SUMMARIZE_DOCUMENT, "{\"text\":\"race\"}",
                DlqTestSupport.error("race", "first failure"));
        // The interleaving of a slow replay: the job is back on its queue (replay number 1) ...
        Replay replay = new Replay(QueueName.AI, e.id(), e.originalJobName(), e.payload(), e.tenantId(),
                e.workspaceId(), "owner-race", 1);
        assertThat(jobs.replay(replay).await().atMost(Duration.ofSeconds(5))).isEqualTo(ReplayVerdict.REPLAYED);
        // ... fails again, and its record (replayCount 1) is forwarded before the replay is marked.
        support.failForGood(JobType.AI_SUMMARIZE_DOCUMENT, e.id(), DlqTestSupport.error("race", "second failure"));
        assertThat(support.awaitEntry(e.id(), x -> x.errorMessage().equals("second failure")).replayCount())
                .isEqualTo(1);

        DlqReplayMark mark = store.markReplayed(e.id(), "owner-race", replay.replayCount(), 5).await()
                .atMost(Duration.ofSeconds(5));
        DlqReplayMark again = store.markReplayed(e.id(), "owner-race", replay.replayCount(), 5).await()
                .atMost(Duration.ofSeconds(5));

        assertThat(mark).isEqualTo(new DlqReplayMark.Marked(1));
        assertThat(again).isEqualTo(new DlqReplayMark.Marked(1));
        DlqEntry after = support.find(e.id()).orElseThrow();
        assertThat(after.replayCount()).isEqualTo(1);
        assertThat(after.isReplayed()).isTrue();
        assertThat(after.history().split("\"replayed\"", -1)).hasSize(2);
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.replays(), e.id())).hasValue(1.0);
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.replays("ai"), e.id())).hasValue(1.0);
    }

    @Test
    void replayOfUnknownEntryIs404() {
        given().auth().oauth2(TestTokens.owner("owner-3")).post("/owner/dlq/ai-999999999/replay").then()
                .statusCode(404).body("type", equalTo("urn:problem-type:streamq:dlq:not-found"));
    }

    @Test
    void bulkReplayAnswersPerIdResults() {
        DlqEntry a = support.deadJob(JobType.AI_MODERATE_CONTENT, "{\"text\":\"bulk a\"}",
                DlqTestSupport.error("bulk", "bulk a"));
        DlqEntry b = support.deadJob(JobType.AI_MODERATE_CONTENT, "{\"text\":\"bulk b\"}",
                DlqTestSupport.error("bulk", "bulk b"));
        given().auth().oauth2(TestTokens.owner("owner-4")).contentType("application/json")
                .body("{\"ids\":[\"" + a.id() + "\",\"" + b.id() + "\",\"ai-888888888\",\"nonsense\"]}")
                .post("/owner/dlq/bulk-replay").then().statusCode(200)
                .body("successCount", equalTo(2)).body("failureCount", equalTo(2))
                .body("results[0].success", equalTo(true)).body("results[0].reason", equalTo("replayed"))
                .body("results[2].reason", equalTo("not-found")).body("results[3].reason", equalTo("invalid-id"));
        assertThat(support.find(a.id()).orElseThrow().replayCount()).isEqualTo(1);
        assertThat(support.find(b.id()).orElseThrow().replayCount()).isEqualTo(1);
        // Leave the AI queue clean for other tests.
        support.failAllWaiting(JobType.AI_MODERATE_CONTENT, DlqTestSupport.error("bulk", "again"));
    }

    @Test
    void bulkOfMoreThan1000IdsIsRejected() {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            ids.append(i == 0 ? "" : ",").append("\"ai-").append(i).append('"');
        }
        given().auth().oauth2(TestTokens.owner("owner-5")).contentType("application/json")
                .body("{\"ids\":[" + ids + "]}").post("/owner/dlq/bulk-delete").then().statusCode(400);
    }
}
