package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobView;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.DlqSuccess;
import io.streamq.core.store.DlqTombstoneBounds;
import io.streamq.core.store.JobControl;
import io.streamq.core.store.JobStore;
import io.streamq.core.job.CancelFilter;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * A replayed job that succeeds: complete.lua hands a {@code dlq.job-succeeded} record to the dead stream, the
 * forwarder marks the entry, and the entry is never replayed again. The plugins queue keeps one finished job of each
 * kind in tests (application.properties), so its retention really deletes job hashes here.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ReplaySucceededTest {

    private static final String ALREADY_SUCCEEDED = "urn:problem-type:streamq:dlq:already-succeeded";

    @Inject
    DlqTestSupport support;

    @Inject
    JobStore jobs;

    @Inject
    DlqStore store;

    @Inject
    RedisDataSource redis;

    @Inject
    JobControl control;

    @Test
    void entryReplayedToSuccessIsNeverReplayedAgainAndItsLiveJobOutlivesTheQueuesRetention() {
        String owner = TestTokens.owner("lifecycle");
        DlqEntry e = support.deadJob(JobType.PLUGIN_INSTALL, "{\"plugin\":\"lifecycle\"}",
                DlqTestSupport.error("install", "registry down"));
        // Queued ahead of the replay, so the worker below claims them first.
        String failing = support.enqueue(JobType.PLUGIN_SYNC, "{}");
        String completing = support.enqueue(JobType.PLUGIN_SYNC, "{}");
        given().auth().oauth2(owner).post("/owner/dlq/" + e.id() + "/replay").then().statusCode(200)
                .body("replayCount", equalTo(1));

        // The queue's retention (keep-last 1) runs on the failed and the completed index while the job is live.
        support.failForGood(JobType.PLUGIN_SYNC, failing, DlqTestSupport.error("sync", "other job"));
        support.complete(JobType.PLUGIN_SYNC, completing);
        assertThat(job(e.id()).map(JobView::state)).contains("waiting");

        support.complete(JobType.PLUGIN_INSTALL, e.id());
        DlqEntry succeeded = support.awaitEntry(e.id(), x -> x.replaySucceededAt() != null);
        assertThat(succeeded.replaySucceededAt()).isGreaterThanOrEqualTo(e.lastFailedAt());
        assertThat(succeeded.history()).contains("\"event\":\"succeeded\"");
        given().auth().oauth2(owner).get("/owner/dlq/" + e.id()).then().statusCode(200)
                .body("replaySucceededAt", equalTo(succeeded.replaySucceededAt()))
                .body("history.find { it.event == 'succeeded' }", notNullValue());
        given().auth().oauth2(owner).get("/owner/dlq?errorCode=install").then().statusCode(200)
                .body("data.find { it.id == '" + e.id() + "' }.replaySucceededAt",
                        equalTo(succeeded.replaySucceededAt()));
        given().auth().oauth2(owner).post("/owner/dlq/" + e.id() + "/replay").then().statusCode(409)
                .body("type", equalTo(ALREADY_SUCCEEDED));

        // The queue's retention deletes the completed job; the DLQ still refuses, and nothing is enqueued.
        support.complete(JobType.PLUGIN_SYNC, support.enqueue(JobType.PLUGIN_SYNC, "{}"));
        assertThat(job(e.id())).isEmpty();
        given().auth().oauth2(owner).post("/owner/queues/dlq/" + e.id() + "/replay").then().statusCode(409)
                .body("type", equalTo(ALREADY_SUCCEEDED));
        given().auth().oauth2(owner).contentType("application/json").body("{\"ids\":[\"" + e.id() + "\"]}")
                .post("/owner/dlq/bulk-replay").then().statusCode(200)
                .body("results[0].reason", equalTo("already-succeeded"));
        assertThat(job(e.id())).isEmpty();
        assertThat(support.deliveries(QueueName.PLUGINS, e.id())).isZero();
        assertThat(support.find(e.id()).orElseThrow().replayCount()).isEqualTo(1);
    }

    /** A job cancelled after a replay put it back is final: the entry's next replay is refused, nothing runs. */
    @Test
    void aReplayedJobThatWasCancelledSinceIsNotReplayedAgain() {
        String owner = TestTokens.owner("cancelled");
        DlqEntry e = support.deadJob(JobType.PLUGIN_INSTALL, "{\"plugin\":\"cancelled\"}",
                DlqTestSupport.error("install", "registry down"));
        given().auth().oauth2(owner).post("/owner/dlq/" + e.id() + "/replay").then().statusCode(200);
        assertThat(control.cancel(e.id(), "producer", CancelFilter.ANY).await().indefinitely().cancelled()).isTrue();

        given().auth().oauth2(owner).post("/owner/dlq/" + e.id() + "/replay").then().statusCode(409)
                .body("type", equalTo("urn:problem-type:streamq:dlq:already-cancelled"));

        assertThat(job(e.id()).map(JobView::state)).contains("cancelled");
        assertThat(support.find(e.id()).orElseThrow().replayCount()).isEqualTo(1);
    }

    @Test
    void successHandOffsAreIdempotentCreateNoEntryAndYieldToALaterFailure() {
        support.handOff(QueueName.PLUGINS,
                DlqTestSupport.successRecord(QueueName.PLUGINS, "plugins-987654321", "plugin.sync", 1_000));
        support.awaitForwarded(QueueName.PLUGINS);
        assertThat(support.find("plugins-987654321")).isEmpty();

        DlqEntry e = support.deadJob(JobType.PLUGIN_EXECUTE_HOOK, "{}", DlqTestSupport.error("hook", "hook failed"));
        long finishedAt = e.lastFailedAt() + 1_000;
        long duplicates = support.stat("duplicates");
        support.handOff(QueueName.PLUGINS,
                DlqTestSupport.successRecord(QueueName.PLUGINS, e.id(), e.originalJobName(), finishedAt));
        support.handOff(QueueName.PLUGINS,
                DlqTestSupport.successRecord(QueueName.PLUGINS, e.id(), e.originalJobName(), finishedAt));
        support.awaitForwarded(QueueName.PLUGINS);
        DlqEntry marked = support.find(e.id()).orElseThrow();
        assertThat(marked.replaySucceededAt()).isEqualTo(finishedAt);
        assertThat(marked.history().split("\"succeeded\"", -1)).hasSize(2);
        assertThat(support.stat("duplicates")).isEqualTo(duplicates + 1);

        // It failed again after that success (and a success older than that failure changes nothing).
        support.handOff(QueueName.PLUGINS, DlqTestSupport.failureRecord(e, finishedAt + 1_000));
        support.handOff(QueueName.PLUGINS,
                DlqTestSupport.successRecord(QueueName.PLUGINS, e.id(), e.originalJobName(), finishedAt + 500));
        support.awaitForwarded(QueueName.PLUGINS);
        DlqEntry failedAgain = support.find(e.id()).orElseThrow();
        assertThat(failedAgain.lastFailedAt()).isEqualTo(finishedAt + 1_000);
        assertThat(failedAgain.replaySucceededAt()).isNull();
        assertThat(failedAgain.history()).contains("\"event\":\"succeeded\"");
        given().auth().oauth2(TestTokens.owner("lifecycle")).get("/owner/dlq/" + e.id()).then().statusCode(200)
                .body("replaySucceededAt", nullValue());
    }

    @Test
    void aPendingSuccessIsTakenByItsEntryOnlyWhenNewerAndIsBoundedLikeTheTombstones() {
        long now = System.currentTimeMillis();
        String older = "plugins-987650001";
        String young = "plugins-987650002";
        String old = "plugins-987650003";
        assertThat(store.markSucceeded(List.of(success(older, now - 5_000), success(young, now - 1_000),
                success(old, now - Duration.ofDays(2).toMillis()))).await().atMost(Duration.ofSeconds(5)))
                .containsExactly("pending", "pending", "pending");
        assertThat(store.markSucceeded(List.of(success(young, now - 1_000), success(young, now - 2_000))).await()
                .atMost(Duration.ofSeconds(5))).containsExactly("duplicate", "stale");

        // The job failed again after that success: the entry is an ordinary failure, and the success is used up.
        store.insert(List.of(new DlqRecord("plugins", older, "plugin.sync", "E", "later", "", "pending", now - 4_000,
                now - 4_000, 1, "{}", "", "", "", 0, "later")), 0, Duration.ofHours(50)).await()
                .atMost(Duration.ofSeconds(5));
        assertThat(support.find(older).orElseThrow().replaySucceededAt()).isNull();
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.pendingSuccesses(), older)).isEmpty();

        // Past max-age it goes; over the count it goes only once older than min-age.
        store.applyRetention(0, Duration.ZERO, DlqStore.MAX_BATCH,
                new DlqTombstoneBounds(Duration.ofDays(1), Duration.ofHours(1), 0)).await()
                .atMost(Duration.ofSeconds(5));
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.pendingSuccesses(), old)).isEmpty();
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.pendingSuccesses(), young)).isPresent();
        store.applyRetention(0, Duration.ZERO, DlqStore.MAX_BATCH,
                new DlqTombstoneBounds(Duration.ofDays(1), Duration.ZERO, 0)).await().atMost(Duration.ofSeconds(5));
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.pendingSuccesses(), young)).isEmpty();
        store.delete(List.of(older), "test").await().atMost(Duration.ofSeconds(5));
    }

    private static DlqSuccess success(String id, long finishedAt) {
        return new DlqSuccess("plugins", id, "plugin.sync", finishedAt, 1);
    }

    private Optional<JobView> job(String id) {
        return jobs.find(id).await().atMost(Duration.ofSeconds(5));
    }
}
