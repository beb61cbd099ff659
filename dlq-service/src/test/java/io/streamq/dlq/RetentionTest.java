package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqInsertResult;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.dlq.admin.RetentionJob;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention bounds: what they drop is the oldest, is counted, and leaves the counters matching. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class RetentionTest {

    private static final long DAY = 86_400_000L;

    @Inject
    DlqStore store;

    @Inject
    RetentionJob retention;

    @Inject
    RedisDataSource redis;

    private static List<DlqRecord> records(String prefix, int n, long lastFailedAt) {
        List<DlqRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new DlqRecord("system", "system-" + prefix + i, "system.retention", "E", "old " + i, "",
                    "retention", lastFailedAt - i, lastFailedAt - i, 1, "{}", "", "", "", 0, "old <n>"));
        }
        return out;
    }

    @Test
    void countBoundDropsTheOldestOnInsertAndCountsThem() {
        long total = redis.sortedSet(String.class).zcard(DlqKeys.all());
        long droppedBefore = stat();
        // Five entries older than any other (20 days), with room for only two more than there are now.
        DlqInsertResult result = store.insert(records("8100", 5, System.currentTimeMillis() - 20 * DAY),
                total + 2, Duration.ofHours(50)).await().atMost(Duration.ofSeconds(5));

        assertThat(result.statuses()).containsOnly("added");
        assertThat(result.dropped()).isEqualTo(3);
        assertThat(redis.sortedSet(String.class).zcard(DlqKeys.all())).isEqualTo(total + 2);
        // The three oldest of the five went (the records are older the higher their index).
        assertThat(redis.key().exists(DlqKeys.entry("system-81002"))).isFalse();
        assertThat(redis.key().exists(DlqKeys.entry("system-81003"))).isFalse();
        assertThat(redis.key().exists(DlqKeys.entry("system-81004"))).isFalse();
        assertThat(redis.key().exists(DlqKeys.entry("system-81000"))).isTrue();
        assertThat(stat()).isEqualTo(droppedBefore + 3);
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "retention").orElse(0))
                .isEqualTo(2.0);
        store.delete(List.of("system-81000", "system-81001"), "test").await().atMost(Duration.ofSeconds(5));
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "retention")).isEmpty();
    }

    @Test
    void ageBoundDropsEntriesPastMaxAge() {
        long droppedBefore = stat();
        store.insert(records("8200", 4, System.currentTimeMillis() - 40 * DAY), 0, Duration.ofHours(50))
                .await().atMost(Duration.ofSeconds(5));
        store.insert(records("8300", 1, System.currentTimeMillis() - DAY), 0, Duration.ofHours(50))
                .await().atMost(Duration.ofSeconds(5));

        long dropped = retention.applyOnce();

        assertThat(dropped).isGreaterThanOrEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(redis.key().exists(DlqKeys.entry("system-8200" + i))).isFalse();
        }
        assertThat(redis.key().exists(DlqKeys.entry("system-83000"))).isTrue();
        assertThat(stat()).isEqualTo(droppedBefore + dropped);
        store.delete(List.of("system-83000"), "test").await().atMost(Duration.ofSeconds(5));
    }

    private long stat() {
        String v = redis.hash(String.class).hget(DlqKeys.stats(), "retentionDropped");
        return v == null ? 0 : Long.parseLong(v);
    }
}
