package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.DlqEntry;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The hand-off from the real fail-to-dlq script into the DLQ store. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class IngestTest {

    @Inject
    DlqTestSupport support;

    @Inject
    RedisDataSource redis;

    @Test
    void jobThatExhaustedItsAttemptsIsStoredWithTheFullRecord() {
        String payload = "{\"checks\":[\"redis\"],\"note\":\"ingest-full-record\"}";
        DlqEntry e = support.deadJob(JobType.SYSTEM_HEALTH_CHECK, payload,
                DlqTestSupport.error("upstream-down", "Upstream 10.0.0.7 refused after 3000 ms"));

        assertThat(e.originalQueue()).isEqualTo("system");
        assertThat(e.originalJobId()).isEqualTo(e.id()).startsWith("system-");
        assertThat(e.originalJobName()).isEqualTo("system.health-check");
        assertThat(e.errorName()).isEqualTo("HandlerError");
        assertThat(e.errorMessage()).isEqualTo("Upstream 10.0.0.7 refused after 3000 ms");
        assertThat(e.errorStack()).contains("Handler.java:42");
        assertThat(e.errorCode()).isEqualTo("upstream-down");
        assertThat(e.firstFailedAt()).isPositive();
        assertThat(e.lastFailedAt()).isGreaterThanOrEqualTo(e.firstFailedAt());
        assertThat(e.attemptsMade()).isEqualTo(1);
        assertThat(e.isReplayed()).isFalse();
        assertThat(e.replayCount()).isZero();
        assertThat(e.lastReplayedAt()).isNull();
        assertThat(e.payload()).isEqualTo(payload);
        assertThat(e.tenantId()).isEqualTo("tenant-1");
        assertThat(e.workspaceId()).isEqualTo("workspace-1");
        assertThat(e.actorId()).isEqualTo("actor-1");
        assertThat(e.fingerprint()).isEqualTo("Upstream <n> refused after <n> ms");

        // Indexed for lists and filters, and acknowledged + deleted on the dead stream after storing.
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.byQueue("system"), e.id()))
                .isEqualTo(java.util.OptionalDouble.of(e.lastFailedAt()));
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.byErrorCode("upstream-down"), e.id())).isPresent();
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.byJobName("system.health-check"), e.id()))
                .isPresent();
        await().atMost(Duration.ofSeconds(5)).until(() -> support.deadStreamLength(QueueName.SYSTEM) == 0);
        assertThat(redis.stream(String.class).xpending(QueueKeys.of(QueueName.SYSTEM).deadStream(),
                QueueKeys.DLQ_CONSUMER_GROUP).getPendingCount()).isZero();
    }

    @Test
    void duplicateForwardIsStoredOnceAndNotCountedTwice() {
        DlqEntry e = support.deadJob(JobType.SYSTEM_CLEANUP, "{\"olderThanDays\":7}",
                DlqTestSupport.error("dup-test", "duplicate me"));
        Map<String, String> before = redis.hash(String.class).hgetall(DlqKeys.entry(e.id()));
        java.util.OptionalDouble queueCount = redis.sortedSet(String.class).zscore(DlqKeys.countByQueue(), "system");
        java.util.OptionalDouble codeCount = redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "dup-test");
        long duplicates = support.stat("duplicates");

        // The same record handed off again (a forwarder that stored it but died before acknowledging).
        support.handOff(QueueName.SYSTEM, DlqTestSupport.failureRecord(e, e.lastFailedAt()));

        await().atMost(Duration.ofSeconds(5)).until(() -> support.stat("duplicates") == duplicates + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> support.deadStreamLength(QueueName.SYSTEM) == 0);
        assertThat(redis.hash(String.class).hgetall(DlqKeys.entry(e.id()))).isEqualTo(before);
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByQueue(), "system")).isEqualTo(queueCount);
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "dup-test"))
                .isEqualTo(codeCount).isEqualTo(java.util.OptionalDouble.of(1.0));
        assertThat(support.allEntries().stream().filter(x -> x.id().equals(e.id()))).hasSize(1);
    }

    @Test
    void malformedHandOffIsDroppedWithoutStoppingTheForwarder() {
        redis.stream(String.class).xadd(QueueKeys.of(QueueName.SYSTEM).deadStream(), Map.of("type", "garbage"));
        DlqEntry after = support.deadJob(JobType.SYSTEM_REFRESH_STATS, "{}",
                DlqTestSupport.error("after-garbage", "still flowing"));
        assertThat(after.errorCode()).isEqualTo("after-garbage");
        await().atMost(Duration.ofSeconds(5)).until(() -> support.deadStreamLength(QueueName.SYSTEM) == 0);
    }
}
