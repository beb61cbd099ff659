package io.streamq.core.dlq;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqRecord;
import io.streamq.testing.RedisTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.streamq.core.dlq.DlqRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Review reproduction (issue 12): dlq-insert writes each entry hash inside its record loop but defers the indexes and
 * counters to the end of the batch (dlq-batch), so a Redis error on a later record of the batch leaves the earlier
 * entries written and unindexed; the forwarder's retry of the same batch then finds them 'duplicate' and never
 * indexes them. Failed before the fix (review of issue 12).
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class DlqInsertHalfWriteReviewTest extends DlqScriptTest {

    @Test
    void aBatchThatFailsOnItsSecondRecordLeavesNoUnindexedEntryBehind() {
        List<DlqRecord> batch = List.of(record("system-71", 1_000), record("system-72", 1_000));
        // Anything that makes a later record's commands fail at run time (here: its key holds another type).
        redis.value(String.class).set(DlqKeys.entry("system-72"), "not a hash");

        Throwable failed = catchThrowable(() -> store.insert(batch, 0, Duration.ofHours(50)).await()
                .atMost(Duration.ofSeconds(10)));
        assertThat(failed).as("the batch fails").isNotNull();
        redis.key().del(DlqKeys.entry("system-72"));
        // The forwarder leaves the records pending and sends the same batch again.
        List<String> retried = store.insert(batch, 0, Duration.ofHours(50)).await().atMost(Duration.ofSeconds(10))
                .statuses();

        assertThat(redis.sortedSet(String.class).zrange(DlqKeys.all(), 0, -1))
                .as("idx:all after the retry answered " + retried + "; entry system-71 exists: "
                        + redis.key().exists(DlqKeys.entry("system-71")))
                .containsExactlyInAnyOrder("system-71", "system-72");
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "boom")).hasValue(2.0);
    }
}
