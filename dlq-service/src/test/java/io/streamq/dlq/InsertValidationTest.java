package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.script.DlqCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.streamq.core.store.DlqInsertResult;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** dlq-insert writes a whole batch or nothing, and its analytics sums cannot overflow at millions of entries. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class InsertValidationTest {

    @Inject
    DlqStore store;

    @Inject
    ScriptRunner scripts;

    @Inject
    RedisDataSource redis;

    @Test
    void aBatchWithOneBadRecordWritesNothing() {
        long now = System.currentTimeMillis();
        ScriptCall call = ScriptCall.of(DlqCommands.INSERT).key("idx:all", DlqKeys.all()).key("stats", DlqKeys.stats())
                .arg("root", DlqKeys.ROOT).arg("channel", Channels.DLQ_EVENTS).arg("hour bucket ttl ms", 180000000)
                .arg("max entries", 0).arg("record count", 2);
        record(call, "system-620001", Long.toString(now));
        record(call, "system-620002", "yesterday");
        Map<String, String> stats = redis.hash(String.class).hgetall(DlqKeys.stats());
        long entries = redis.sortedSet(String.class).zcard(DlqKeys.all());

        assertThatThrownBy(() -> scripts.run(call).await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("invalid record 2");

        assertThat(redis.key().exists(DlqKeys.entry("system-620001"))).isFalse();
        assertThat(redis.sortedSet(String.class).zcard(DlqKeys.all())).isEqualTo(entries);
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "validation")).isEmpty();
        assertThat(redis.hash(String.class).hgetall(DlqKeys.stats())).isEqualTo(stats);
    }

    @Test
    void anInsertBeyondFiveMillionEntriesOfFirstFailedAtIsComplete() {
        // At about 5.4 million entries the sum of firstFailedAt in ms reached this and the next HINCRBY overflowed
        // mid-insert. The sum is kept in seconds: the same entries sum to a thousandth of it, far from 2^63 (about
        // 5 billion entries away), so the insert is whole and the sum stays exact.
        long fiveMillionEntries = 9_223_372_036_000_000L;
        long seeded = redis.hash(String.class).hincrby(DlqKeys.stats(), "sumFirstFailedSec", fiveMillionEntries);
        long now = System.currentTimeMillis();
        try {
            DlqInsertResult r = store.insert(List.of(new DlqRecord("system", "system-620003", "system.cleanup", "E",
                    "late", "", "overflow", now, now, 1, "{}", "", "", "", 0, "late")), 0, Duration.ofHours(50))
                    .await().atMost(Duration.ofSeconds(5));

            assertThat(r.statuses()).containsExactly("added");
            assertThat(redis.sortedSet(String.class).zscore(DlqKeys.all(), "system-620003")).isPresent();
            assertThat(redis.sortedSet(String.class).zscore(DlqKeys.byErrorCode("overflow"), "system-620003"))
                    .isPresent();
            assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "overflow")).hasValue(1.0);
            assertThat(redis.hash(String.class).hget(DlqKeys.stats(), "sumFirstFailedSec"))
                    .isEqualTo(Long.toString(seeded + now / 1000));
        } finally {
            store.delete(List.of("system-620003"), "test").await().atMost(Duration.ofSeconds(5));
            redis.hash(String.class).hincrby(DlqKeys.stats(), "sumFirstFailedSec", -fiveMillionEntries);
        }
    }

    /** Adds one record's values as DlqStore sends them, with lastFailedAt as given. */
    private static void record(ScriptCall call, String id, String lastFailedAt) {
        List<String> values = List.of(id, "system", "system.cleanup", "E", "bad batch", "", "validation",
                "1700000000000", lastFailedAt, "1", "{}", "", "", "", "0", "bad batch", "bad batch");
        List<String> names = DlqCommands.INSERT.contract().argv().row();
        for (int i = 0; i < names.size(); i++) {
            call.arg(names.get(i), values.get(i));
        }
    }
}
