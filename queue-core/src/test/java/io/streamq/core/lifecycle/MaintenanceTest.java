package io.streamq.core.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.keys.WorkerKeys;
import io.streamq.core.job.JobError;
import io.streamq.core.store.ConsumerGroups;
import io.streamq.core.store.QueueMaintenance;
import io.streamq.core.store.WorkQueue;
import io.streamq.core.store.WorkerRegistry;
import io.streamq.core.testing.Published;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.K;
import static io.streamq.core.lifecycle.QueueFixture.Q;
import static org.assertj.core.api.Assertions.assertThat;

/** Drift repair, consumer-group housekeeping and heartbeats. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class MaintenanceTest {

    @Inject
    QueueFixture queue;

    @Inject
    QueueMaintenance maintenance;

    @Inject
    ConsumerGroups groups;

    @Inject
    WorkerRegistry registry;

    @Inject
    RedisDataSource redis;

    @Inject
    WorkQueue work;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void refreshCountsDoesNotCountAStaleEntryAsActive() {
        String id = queue.enqueue(2).getFirst();
        queue.addStrayEntry(id);
        queue.claimOne("worker-a");
        queue.claimOne("worker-a");
        queue.deliverRaw("worker-dead");
        redis.hash(String.class).hset(K.counts(), "active", "7");

        QueueMaintenance.Recount r = maintenance.refreshCounts(Q).await().indefinitely();

        assertThat(r.pending()).isEqualTo(3);
        assertThat(r.strays()).isEqualTo(1);
        assertThat(r.activeAfter()).isEqualTo(2);
        assertThat(queue.counts()).containsEntry("active", "2").containsEntry("waiting", "0");
    }

    @Test
    void idleConsumersWithNothingPendingArePruned() {
        queue.enqueue(4);
        queue.claimOne("worker-holding");
        queue.complete("worker-gone-1", queue.claimOne("worker-gone-1"));
        queue.complete("worker-gone-2", queue.claimOne("worker-gone-2"));
        QueueFixture.sleep(300);
        queue.complete("worker-recent", queue.claimOne("worker-recent"));

        int deleted = groups.pruneWorkers(Q, Duration.ofMillis(250)).await().indefinitely();

        assertThat(deleted).isEqualTo(2);
        assertThat(redis.execute("XINFO", "CONSUMERS", K.stream(), QueueKeys.CONSUMER_GROUP).size()).isEqualTo(2);
        queue.assertInvariant();
    }

    @Test
    void aFailureReasonIsCutBetweenCharactersNotInsideOne() {
        queue.enqueue(1);
        var job = queue.claimOne("worker-a");
        String message = "a".repeat(199) + "\u00e9t\u00e9";
        work.retry(job, "worker-a", 0, 1, new JobError("boom", "Boom", message, null))
                .await().indefinitely();

        assertThat(redis.hash(String.class).hgetall(K.failureCounts()).keySet())
                .containsExactly("boom: " + "a".repeat(199));
    }

    @Test
    void aSubSecondHeartbeatStillLivesThreeBeats() {
        registry.beat("worker-fast", "{}", Duration.ofMillis(300)).await().indefinitely();

        long pttl = redis.key(String.class).pttl(WorkerKeys.heartbeatPrefix() + "worker-fast");

        assertThat(pttl).isBetween(1L, 300L);
    }

    @Test
    void aHeartbeatIsPublishedOnTheWorkersChannel() {
        try (Published published = Published.on(RedisTestResource.server(), Channels.WORKERS)) {
            List<JsonNode> beats = published.messages(() -> registry.beat("worker-b", "{\"workerId\":\"worker-b\"}",
                    Duration.ofSeconds(5)).await().indefinitely());

            assertThat(beats).singleElement().satisfies(b -> assertThat(b.get("workerId").asText())
                    .isEqualTo("worker-b"));
            assertThat(redis.sortedSet(String.class).zscore(WorkerKeys.index(), "worker-b")).isPresent();
        }
    }
}
