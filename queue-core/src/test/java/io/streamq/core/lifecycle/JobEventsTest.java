package io.streamq.core.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.job.Replay;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.WorkQueue;
import io.streamq.core.testing.SubscribedTest;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.Q;
import static io.streamq.core.lifecycle.QueueFixture.outlastVisibility;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each job transition publishes on the job-events channel, as its docblock lists it: one message per call
 * carrying the events of its batch. The transitions' state changes are covered by the other lifecycle tests.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class JobEventsTest extends SubscribedTest {

    @Inject
    QueueFixture queue;

    @Inject
    WorkQueue work;

    @Inject
    JobStore jobs;

    @Inject
    QueueAdmin admin;

    @Override
    protected String channel() {
        return Channels.JOB_EVENTS;
    }

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void enqueuePublishesOneMessageForItsBatch() {
        List<JsonNode> messages = published.messages(() -> queue.enqueue(3));

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.get("queue").asText()).isEqualTo(Q.wireName());
            assertThat(m.get("events")).hasSize(3).allSatisfy(e -> {
                assertThat(e.get("state").asText()).isEqualTo("waiting");
                assertThat(e.get("name").asText()).isEqualTo("system.health-check");
                assertThat(e.get("attempt").asInt()).isZero();
            });
        });
        assertThat(states(() -> queue.enqueue(1, 60_000))).containsExactly("delayed");
    }

    @Test
    void claimPublishesActiveWithTheAttempt() {
        String id = queue.enqueue(1).getFirst();

        List<JsonNode> events = published.events(() -> queue.claimOne("worker-a"));

        assertThat(events).singleElement().satisfies(e -> attempt(e, id, "active", 1));
    }

    @Test
    void completePublishesCompletedWithTheDurationAndAStaleOneNothing() {
        queue.enqueue(1);
        ClaimedJob job = queue.claimOne("worker-a");

        assertThat(published.events(() -> queue.complete("worker-b", job))).isEmpty();
        List<JsonNode> events = published.events(() -> queue.complete("worker-a", job));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("jobId").asText()).isEqualTo(job.jobId());
            assertThat(e.get("state").asText()).isEqualTo("completed");
            assertThat(e.get("durationMs").asLong()).isEqualTo(5);
        });
    }

    @Test
    void retryPublishesDelayedWithTheError() {
        queue.enqueue(1);
        ClaimedJob job = queue.claimOne("worker-a");

        List<JsonNode> events = published.events(() -> queue.retry("worker-a", job, 60_000));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("state").asText()).isEqualTo("delayed");
            assertThat(e.get("errorCode").asText()).isEqualTo("boom");
            assertThat(e.get("dueAt").asLong()).isEqualTo(e.get("ts").asLong() + 60_000);
        });
    }

    @Test
    void retryWithoutBackoffPublishesWaitingWithTheError() {
        queue.enqueue(1);
        ClaimedJob job = queue.claimOne("worker-a");

        List<JsonNode> events = published.events(() -> queue.retry("worker-a", job, 0));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("state").asText()).isEqualTo("waiting");
            assertThat(e.get("attempt").asInt()).isEqualTo(1);
            assertThat(e.get("errorCode").asText()).isEqualTo("boom");
            assertThat(e.has("dueAt")).isFalse();
        });
    }

    @Test
    void failToDlqPublishesFailedMarkedForTheDlq() {
        queue.enqueue(1);
        ClaimedJob job = queue.claimOne("worker-a");

        List<JsonNode> events = published.events(() -> queue.failToDlq("worker-a", job));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("state").asText()).isEqualTo("failed");
            assertThat(e.get("dlq").asBoolean()).isTrue();
            assertThat(e.get("errorCode").asText()).isEqualTo("boom");
        });
    }

    @Test
    void promotePublishesWaitingPerJobPromoted() {
        List<String> ids = queue.enqueue(2, 1);
        QueueFixture.sleep(20);

        List<JsonNode> events = published.events(() -> assertThat(queue.promoteDue()).isEqualTo(2));

        assertThat(events).extracting(e -> e.get("jobId").asText()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(events).extracting(e -> e.get("state").asText()).containsOnly("waiting");
    }

    @Test
    void reclaimPublishesStalledPerJobTakenOver() {
        String id = queue.enqueue(1).getFirst();
        queue.claimOne("worker-dead");
        outlastVisibility();

        List<JsonNode> events = published.events(
                () -> work.reclaim(Q, "worker-b", 10, ReclaimBatch.START).await().indefinitely());

        assertThat(events).singleElement().satisfies(e -> attempt(e, id, "stalled", 2));
    }

    @Test
    void onAPausedQueueReclaimPublishesStalledThenWaiting() {
        queue.enqueue(1);
        queue.claimOne("worker-dead");
        jobs.setPaused(Q, true, "owner").await().indefinitely();
        outlastVisibility();

        assertThat(states(() -> work.reclaim(Q, "worker-b", 10, ReclaimBatch.START).await().indefinitely()))
                .containsExactly("stalled", "waiting");
    }

    @Test
    void handBackPublishesWaitingPerJobHandedBack() {
        queue.enqueue(1);
        ClaimedJob job = queue.claimOne("worker-a");

        assertThat(states(() -> work.handBack(Q, "worker-a", List.of(job.entryId())).await().indefinitely()))
                .containsExactly("waiting");
    }

    @Test
    void replayRetryJobAndRemoveJobPublishWithTheActor() {
        String id = deadJob();
        List<JsonNode> replayed = published.events(() -> jobs.replay(
                new Replay(Q, id, "system.health-check", "{}", "t", "w", "owner-r", 1)).await().indefinitely());
        queue.failToDlq("worker-a", queue.claimOne("worker-a"));
        List<JsonNode> retried = published.events(() -> admin.retry(Q, id, "owner-t").await().indefinitely());
        List<JsonNode> removed = published.events(() -> admin.remove(Q, id, "owner-x").await().indefinitely());

        assertThat(replayed).singleElement().satisfies(e -> event(e, id, "waiting", "owner-r"));
        assertThat(retried).singleElement().satisfies(e -> event(e, id, "waiting", "owner-t"));
        assertThat(removed).singleElement().satisfies(e -> event(e, id, "removed", "owner-x"));
    }

    @Test
    void aPurgePublishesOneQueueLevelEvent() {
        queue.enqueue(3);

        List<JsonNode> events = published.events(() -> admin.purgeBatch(Q, 100, "owner").await().indefinitely());

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("state").asText()).isEqualTo("purged");
            assertThat(e.get("actor").asText()).isEqualTo("owner");
            assertThat(e.has("jobId")).isFalse();
        });
        assertThat(published.events(() -> admin.purgeBatch(Q, 100, "owner").await().indefinitely())).isEmpty();
    }

    @Test
    void pausingAndResumingPublishOnlyWhenTheFlagChanges() {
        assertThat(states(() -> jobs.setPaused(Q, true, "owner").await().indefinitely())).containsExactly("paused");
        assertThat(states(() -> jobs.setPaused(Q, true, "owner").await().indefinitely())).isEmpty();
        assertThat(states(() -> jobs.setPaused(Q, false, "owner").await().indefinitely()))
                .containsExactly("resumed");
    }

    private List<String> states(Runnable step) {
        return published.events(step).stream().map(e -> e.get("state").asText()).toList();
    }

    private static void event(JsonNode e, String id, String state, String actor) {
        assertThat(List.of(e.get("jobId").asText(), e.get("state").asText(), e.get("actor").asText()))
                .containsExactly(id, state, actor);
    }

    private static void attempt(JsonNode e, String id, String state, int attempt) {
        assertThat(List.of(e.get("jobId").asText(), e.get("state").asText(), e.get("attempt").asText()))
                .containsExactly(id, state, Integer.toString(attempt));
    }

    private String deadJob() {
        String id = queue.enqueue(1).getFirst();
        queue.failToDlq("worker-a", queue.claimOne("worker-a"));
        return id;
    }
}
