package io.streamq.core.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.JobState;
import io.streamq.core.keys.MonitorKeys;
import io.streamq.core.store.JobCursor;
import io.streamq.core.store.QueueAlerts;
import io.streamq.core.store.QueueMaintenance;
import io.streamq.core.store.QueueReader;
import io.streamq.core.store.QueueSnapshot;
import io.streamq.core.testing.Published;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.Q;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What monitor-service and the maintenance handlers run on a queue: its snapshot (queue-snapshot.lua), listing and
 * search (search-jobs.lua), the sweep of finished jobs (cleanup-finished.lua) and the alert transition
 * (alert-transition.lua), the one of them that publishes.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class MonitorScriptsTest {

    @Inject
    QueueFixture queue;

    @Inject
    QueueReader reader;

    @Inject
    QueueMaintenance maintenance;

    @Inject
    QueueAlerts alerts;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void aSnapshotCountsEveryStateAndTheMinutesFacts() {
        queue.enqueue(3);
        queue.enqueue(1, 60_000);
        queue.complete("worker-a", queue.claimOne("worker-a"));
        queue.failToDlq("worker-a", queue.claimOne("worker-a"));

        QueueSnapshot s = reader.snapshot(Q, 5, 10).await().indefinitely();

        assertThat(List.of(s.waiting(), s.active(), s.delayed(), s.completed(), s.failed()))
                .containsExactly(1L, 0L, 1L, 1L, 1L);
        assertThat(s.paused()).isFalse();
        assertThat(s.deadStreamLength()).isEqualTo(1);
        assertThat(s.oldestWaitingAt()).isNotNull();
        assertThat(s.processingTimesMs()).containsExactly(5L, 5L);
        assertThat(s.minutes()).hasSize(5);
    }

    @Test
    void aStateIsListedInPagesAndSearchedByText() {
        List<String> ids = queue.enqueue(3);

        var first = reader.page(Q, JobState.WAITING, JobCursor.offset(0), 2).await().indefinitely();
        var second = reader.page(Q, JobState.WAITING, JobCursor.parse(JobState.WAITING, first.next()).orElseThrow(),
                2).await().indefinitely();
        var found = reader.search(Q, JobState.WAITING, ids.get(1).toUpperCase(), 100, 1 << 20).await()
                .indefinitely();

        assertThat(first.total()).isEqualTo(3);
        assertThat(first.ids()).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(second.ids()).containsExactly(ids.get(2));
        assertThat(second.next()).isNull();
        assertThat(found.matches()).containsExactly(ids.get(1));
    }

    @Test
    void theSweepDeletesFinishedJobsOlderThanTheAge() {
        String done = queue.enqueue(1).getFirst();
        queue.complete("worker-a", queue.claimOne("worker-a"));
        String dead = queue.enqueue(1).getFirst();
        ClaimedJob job = queue.claimOne("worker-a");
        queue.failToDlq("worker-a", job);

        assertThat(maintenance.sweepFinished(Q, Duration.ofHours(1), 10).await().indefinitely())
                .isEqualTo(new QueueMaintenance.Swept(0, 0, 0));
        QueueFixture.sleep(20);
        assertThat(maintenance.sweepFinished(Q, Duration.ofMillis(10), 10).await().indefinitely())
                .isEqualTo(new QueueMaintenance.Swept(1, 1, 0));

        assertThat(queue.exists(done)).isFalse();
        assertThat(queue.exists(dead)).isFalse();
        queue.assertInvariant();
    }

    @Test
    void anAlertIsPublishedOncePerTransition() {
        try (Published published = Published.on(RedisTestResource.server(), Channels.ALERTS)) {
            List<JsonNode> raised = published.messages(() -> assertThat(transition(true))
                    .isEqualTo(QueueAlerts.Result.PUBLISHED));
            List<JsonNode> repeated = published.messages(() -> assertThat(transition(true))
                    .isEqualTo(QueueAlerts.Result.UNCHANGED));

            assertThat(raised).singleElement().satisfies(m -> {
                assertThat(m.get("queue").asText()).isEqualTo(Q.wireName());
                assertThat(m.get("previous").asText()).isEqualTo("ok");
                assertThat(m.has("ts")).isTrue();
            });
            assertThat(repeated).isEmpty();
            assertThat(redis.hash(String.class).hget(MonitorKeys.alertState(Q), "status")).isEqualTo("critical");
        }
    }

    private QueueAlerts.Result transition(boolean critical) {
        return alerts.transition(Q, critical, Duration.ZERO, "{\"queue\":\"" + Q.wireName() + "\"}")
                .await().indefinitely();
    }
}
