package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.job.CancelVerdict;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.JobState;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.pubsub.ChannelSubscription;
import io.streamq.core.store.JobControl;
import io.streamq.core.store.JobCursor;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueReader;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.streamq.core.lifecycle.QueueFixture.Q;
import static io.streamq.core.lifecycle.Subscribers.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * REVIEW of issue 14: suspicions that turned out sound, kept as regression checks. A cancel of prioritized jobs
 * (waiting and active), of delayed jobs and of jobs on a paused queue's reclaim leaves one state per job, the counters
 * and indexes equal to the jobs, and the cancelled jobs listed and counted. ChannelSubscription resubscribes a killed
 * connection once (an end and an exception of one connection do not both retry).
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class JobControlReviewCheckedSoundTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    QueueFixture queue;

    @Inject
    JobControl control;

    @Inject
    QueueReader reader;

    @Inject
    WorkQueue work;

    @Inject
    JobStore jobs;

    @Inject
    RedisDataSource redis;

    @Inject
    ReactiveRedisDataSource reactive;

    @Inject
    Vertx vertx;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void prioritizedWaitingAndActiveDelayedAndReclaimedJobsCancelCleanly() {
        List<String> high = queue.enqueueAt(2, 2);
        List<String> low = queue.enqueueAt(9, 1);
        String delayed = queue.enqueue(1, 60_000).getFirst();
        String plain = queue.enqueue(1).getFirst();
        ClaimedJob active = queue.claimOne("worker-a");
        assertThat(active.jobId()).isEqualTo(high.getFirst());
        ClaimedJob stalled = queue.claimOne("worker-b");
        jobs.setPaused(Q, true, "owner").await().atMost(WAIT);
        QueueFixture.outlastVisibility();
        work.extendLeases(Q, "worker-a", List.of(active)).await().atMost(WAIT);
        // On a paused queue the stalled lease of worker-b goes back to waiting (prioritized set again).
        work.reclaim(Q, "worker-c", 10, ReclaimBatch.START).await().atMost(WAIT);
        assertThat(queue.job(stalled.jobId()).state()).isEqualTo("waiting");
        queue.assertInvariant();

        List<String> all = new ArrayList<>(List.of(active.jobId(), stalled.jobId(), low.getFirst(), delayed, plain));
        List<CancelVerdict> verdicts = control.cancel(Q, all, "owner", CancelFilter.ANY).await().atMost(WAIT);

        assertThat(verdicts).allMatch(CancelVerdict::cancelled);
        assertThat(verdicts).extracting(CancelVerdict::state)
                .containsExactly("active", "waiting", "waiting", "delayed", "waiting");
        assertThat(queue.counts()).containsEntry("waiting", "0").containsEntry("active", "0")
                .containsEntry("total:cancelled", "5");
        assertThat(queue.complete("worker-a", active)).isFalse();
        assertThat(queue.claim("worker-d", 10)).isEmpty();
        assertThat(queue.promoteDue()).isZero();
        queue.assertInvariant();

        var page = reader.page(Q, JobState.CANCELLED, JobCursor.offset(0), 10).await().atMost(WAIT);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.ids()).containsExactlyInAnyOrderElementsOf(all);
        var snapshot = reader.snapshot(Q, 1, 0).await().atMost(WAIT);
        assertThat(snapshot.cancelled()).isEqualTo(5);
        assertThat(snapshot.totalCancelled()).isEqualTo(5);
        assertThat(snapshot.waitingByPriority()).allMatch(n -> n == 0);
    }

    /** ChannelSubscription: a killed connection is resubscribed once, and each message is delivered once. */
    @Test
    void aKilledSubscriptionComesBackOnceAndDeliversEachMessageOnce() {
        AtomicInteger heard = new AtomicInteger();
        try (ChannelSubscription subscription = new ChannelSubscription(reactive,
                List.of(Channels.JOB_CANCEL_REQUESTS), (channel, message) -> heard.incrementAndGet(),
                Duration.ofMillis(300))) {
            subscription.start().await().atMost(WAIT);
            for (int i = 0; i < 3; i++) {
                redis.execute("CLIENT", "KILL", "TYPE", "pubsub");
                until(() -> subscribers() == 1 && subscription.subscribed());
            }
            QueueFixture.sleep(1_000);
            assertThat(subscribers()).isEqualTo(1);
            redis.execute("PUBLISH", Channels.JOB_CANCEL_REQUESTS, "{}");
            until(() -> heard.get() >= 1);
            QueueFixture.sleep(200);
            assertThat(heard.get()).isEqualTo(1);
        }
    }

    /**
     * A network fault resets the subscription's connection (RST, through a proxy): had the client reported both an
     * exception and an end for it, ChannelSubscription would retry twice and deliver every message twice. It reports
     * one of them, and the subscription comes back once.
     */
    @Test
    void aResetConnectionIsResubscribedOnceAndDeliversEachMessageOnce() throws Exception {
        AtomicInteger heard = new AtomicInteger();
        try (ResettingProxy proxy = new ResettingProxy(RedisTestResource.server().port())) {
            Redis client = Redis.createClient(vertx, "redis://127.0.0.1:" + proxy.port());
            ChannelSubscription subscription = new ChannelSubscription(
                    new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client)),
                    List.of(Channels.JOB_CANCEL_REQUESTS), (channel, message) -> heard.incrementAndGet(),
                    Duration.ofMillis(300));
            try {
                subscription.start().await().atMost(WAIT);
                until(() -> subscribers() == 1);

                proxy.resetAll();
                until(() -> subscribers() == 0);
                until(() -> subscribers() >= 1);
                QueueFixture.sleep(1_000);

                assertThat(subscribers()).as("subscriptions after one reset").isEqualTo(1);
                redis.execute("PUBLISH", Channels.JOB_CANCEL_REQUESTS, "{}");
                QueueFixture.sleep(300);
                assertThat(heard.get()).as("deliveries of one message").isEqualTo(1);
            } finally {
                subscription.close();
                client.close();
            }
        }
    }

    private long subscribers() {
        return Subscribers.of(redis, Channels.JOB_CANCEL_REQUESTS);
    }
}
