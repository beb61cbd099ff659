package io.streamq.core.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.store.WorkQueue;
import io.streamq.core.testing.SubscribedTest;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.K;
import static org.assertj.core.api.Assertions.assertThat;

/** defer.lua: a worker without a handler gives a job back to delayed, without spending its attempt. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class DeferTest extends SubscribedTest {

    @Inject
    QueueFixture queue;

    @Inject
    WorkQueue work;

    @Inject
    RedisDataSource redis;

    @Override
    protected String channel() {
        return Channels.JOB_EVENTS;
    }

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void aDeferredJobIsDelayedWithItsAttemptGivenBack() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob job = queue.claimOne("worker-a");
        assertThat(queue.job(id).state()).isEqualTo("active");

        List<JsonNode> events = published.events(() -> assertThat(
                work.defer(job, "worker-a", Duration.ofMinutes(1), "no-handler").await().indefinitely()).isTrue());

        assertThat(queue.job(id).state()).isEqualTo("delayed");
        assertThat(queue.job(id).attempts()).isZero();
        assertThat(redis.sortedSet(String.class).zscore(K.delayed(), id)).isPresent();
        assertThat(queue.counts()).containsEntry("active", "0").containsEntry("waiting", "0");
        queue.assertInvariant();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("jobId").asText()).isEqualTo(id);
            assertThat(e.get("state").asText()).isEqualTo("delayed");
            assertThat(e.get("errorCode").asText()).isEqualTo("no-handler");
            assertThat(e.get("dueAt").asLong()).isEqualTo(e.get("ts").asLong() + 60_000);
        });
    }

    @Test
    void aWorkerThatLostTheJobCannotDeferIt() {
        queue.enqueue(1);
        ClaimedJob job = queue.claimOne("worker-a");

        List<JsonNode> events = published.events(() -> assertThat(
                work.defer(job, "worker-b", Duration.ofMinutes(1), "no-handler").await().indefinitely()).isFalse());

        assertThat(queue.job(job.jobId()).state()).isEqualTo("active");
        assertThat(events).isEmpty();
        queue.assertInvariant();
    }
}
