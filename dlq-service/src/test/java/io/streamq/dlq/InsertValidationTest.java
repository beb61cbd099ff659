package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.script.DlqCommands;
import io.streamq.core.script.ScriptRunner;
import io.streamq.core.store.DlqInsertResult;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
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
        List<String> args = new ArrayList<>(List.of(DlqKeys.ROOT, Channels.DLQ_EVENTS, "180000000", "0", "2"));
        args.addAll(record("system-620001", Long.toString(now)));
        args.addAll(record("system-620002", "yesterday"));
        Map<String, String> stats = redis.hash(String.class).hgetall(DlqKeys.stats());
        long entries = redis.sortedSet(String.class).zcard(DlqKeys.all());

        assertThatThrownBy(() -> scripts.run(DlqCommands.INSERT, List.of(DlqKeys.all(), DlqKeys.stats()), args)
                .await().atMost(Duration.ofSeconds(5))).hasMessageContaining("invalid record 2");

        assertThat(redis.key().exists(DlqKeys.entry("system-620001"))).isFalse();
        assertThat(redis.sortedSet(String.class).zcard(DlqKeys.all())).isEqualTo(entries);
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "validation")).isEmpty();
        assertThat(redis.hash(String.class).hgetall(DlqKeys.stats())).isEqualTo(stats);
    }

    @Test
    void anInsertBeyondFiveMillionEntriesOfFirstFailedAtIsComplete() {
        // What summing epoch ms came to at about 5.4 million entries; the next one overflowed HINCRBY mid-insert.
        redis.hash(String.class).hset(DlqKeys.stats(), "sumFirstFailedAt", "9223372036000000000");
        try {
            long now = System.currentTimeMillis();
            DlqInsertResult r = store.insert(List.of(new DlqRecord("system", "system-620003", "system.cleanup", "E",
                    "late", "", "overflow", now, now, 1, "{}", "", "", "", 0, "late")), 0, Duration.ofHours(50))
                    .await().atMost(Duration.ofSeconds(5));

            assertThat(r.statuses()).containsExactly("added");
            assertThat(redis.sortedSet(String.class).zscore(DlqKeys.all(), "system-620003")).isPresent();
            assertThat(redis.sortedSet(String.class).zscore(DlqKeys.byErrorCode("overflow"), "system-620003"))
                    .isPresent();
            assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "overflow")).hasValue(1.0);
        } finally {
            redis.hash(String.class).hdel(DlqKeys.stats(), "sumFirstFailedAt");
            store.delete(List.of("system-620003"), "test").await().atMost(Duration.ofSeconds(5));
        }
    }

    /** The 17 values of one record as DlqStore sends them, with lastFailedAt as given. */
    private static List<String> record(String id, String lastFailedAt) {
        return List.of(id, "system", "system.cleanup", "E", "bad batch", "", "validation", "1700000000000",
                lastFailedAt, "1", "{}", "", "", "", "0", "bad batch", "bad batch");
    }
}
