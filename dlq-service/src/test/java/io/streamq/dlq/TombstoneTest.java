package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqRetentionPass;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.DlqTombstoneBounds;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Deleted entries stay deleted when a record left pending by a dead forwarder is forwarded again. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class TombstoneTest {

    @Inject
    DlqTestSupport support;

    @Inject
    DlqStore store;

    @Inject
    RedisDataSource redis;

    @Test
    void deletedEntryStaysDeletedOnAReForwardButANewFailureOfTheJobIsStored() {
        // Stored by a forwarder that then died before acknowledging: the record is still on the dead stream.
        DlqEntry e = support.deadJob(JobType.SYSTEM_HEALTH_CHECK, "{\"checks\":[\"redis\"]}",
                DlqTestSupport.error("tomb", "to be deleted"));
        given().auth().oauth2(TestTokens.owner("undertaker")).post("/owner/dlq/" + e.id() + "/delete").then()
                .statusCode(200);
        long duplicates = support.stat("duplicates");

        // Another replica takes the pending record over and forwards it again.
        support.handOff(QueueName.SYSTEM, DlqTestSupport.failureRecord(e, e.lastFailedAt()));
        support.awaitForwarded(QueueName.SYSTEM);
        assertThat(support.find(e.id())).isEmpty();
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.all(), e.id())).isEmpty();
        assertThat(support.stat("duplicates")).isEqualTo(duplicates + 1);

        // An owner retried the job and it failed again: that is news, and it is stored.
        support.handOff(QueueName.SYSTEM, DlqTestSupport.failureRecord(e, e.lastFailedAt() + 1));
        DlqEntry back = support.awaitEntry(e.id(), x -> true);
        assertThat(back.lastFailedAt()).isEqualTo(e.lastFailedAt() + 1);
        assertThat(redis.hash(String.class).hget(DlqKeys.tombstoneFailedAt(), e.id())).isNull();
        store.delete(List.of(e.id()), "test").await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void tombstonesGoAfterMaxAgeAndBeyondTheCountButNeverYoungerThanMinAge() {
        List<DlqRecord> records = new ArrayList<>();
        long t = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < 5; i++) {
            records.add(new DlqRecord("system", "system-" + (610_000 + i), "system.tomb", "E", "tomb " + i, "",
                    "tomb-bounds", t, t, 1, "{}", "", "", "", 0, "tomb <n>"));
        }
        store.insert(records, 0, Duration.ofHours(50)).await().atMost(Duration.ofSeconds(5));
        List<String> ids = records.stream().map(DlqRecord::originalJobId).toList();
        store.delete(ids, "test").await().atMost(Duration.ofSeconds(5));
        long before = redis.sortedSet(String.class).zcard(DlqKeys.tombstones());
        assertThat(before).isGreaterThanOrEqualTo(5);

        // Over the count, but all younger than min-age: kept.
        DlqRetentionPass young = retention(new DlqTombstoneBounds(Duration.ofDays(1), Duration.ofHours(1), 0));
        assertThat(young.tombstones()).isZero();
        // Over the count and past min-age: the oldest go, down to the count.
        DlqRetentionPass count = retention(new DlqTombstoneBounds(Duration.ofDays(1), Duration.ZERO, before - 2));
        assertThat(count.tombstones()).isEqualTo(2);
        assertThat(redis.sortedSet(String.class).zcard(DlqKeys.tombstones())).isEqualTo(before - 2);
        // Past max-age: all go (other tests' too, 200 per call), with their lastFailedAt.
        long dropped = 0;
        DlqRetentionPass old;
        do {
            old = retention(new DlqTombstoneBounds(Duration.ZERO, Duration.ZERO, 1_000_000));
            assertThat(old.tombstones()).isLessThanOrEqualTo(DlqStore.MAX_BATCH);
            dropped += old.tombstones();
        } while (old.tombstones() == DlqStore.MAX_BATCH);
        assertThat(dropped).isEqualTo(before - 2);
        assertThat(redis.sortedSet(String.class).zcard(DlqKeys.tombstones())).isZero();
        assertThat(redis.hash(String.class).hlen(DlqKeys.tombstoneFailedAt())).isZero();
    }

    private DlqRetentionPass retention(DlqTombstoneBounds bounds) {
        return store.applyRetention(0, Duration.ZERO, DlqStore.MAX_BATCH, bounds).await().atMost(Duration.ofSeconds(5));
    }
}
