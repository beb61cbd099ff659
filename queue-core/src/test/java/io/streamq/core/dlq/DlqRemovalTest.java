package io.streamq.core.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqClearPass;
import io.streamq.core.store.DlqRetentionPass;
import io.streamq.core.store.DlqTask;
import io.streamq.core.store.DlqTombstoneBounds;
import io.streamq.testing.RedisTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.streamq.core.dlq.DlqRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How entries leave the DLQ: an owner's delete (dlq-delete.lua), a confirmed clear run as a task
 * (dlq-task-start.lua, dlq-clear-batch.lua, dlq-task-finish.lua) and retention (dlq-retention.lua).
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class DlqRemovalTest extends DlqScriptTest {

    private static final DlqTombstoneBounds TOMBSTONES = new DlqTombstoneBounds(Duration.ofDays(30),
            Duration.ofDays(1), 1_000);

    @Test
    void aDeletedEntryLeavesATombstoneThatKeepsItsRecordOut() {
        insert("system-20", 1_000);

        List<JsonNode> events = published.events(() -> assertThat(
                store.delete(List.of("system-20", "system-21"), "owner").await().indefinitely())
                .containsExactly(true, false));

        assertThat(redis.key().exists(DlqKeys.entry("system-20"))).isFalse();
        assertThat(redis.sortedSet(String.class).zcard(DlqKeys.all())).isZero();
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.tombstones(), "system-20")).isPresent();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("type").asText()).isEqualTo("deleted");
            assertThat(e.get("id").asText()).isEqualTo("system-20");
            assertThat(e.get("actor").asText()).isEqualTo("owner");
        });
        assertThat(insert("system-20", 1_000)).isEqualTo("deleted");
    }

    @Test
    void aClearTaskRemovesWhatFailedByItsCutoffAndEndsOnce() {
        insert("system-22", 1_000);
        insert("system-23", 2_000);
        insert("system-24", 9_000);
        DlqTask task = new DlqTask("task-1", DlqTask.RUNNING, DlqKeys.all(), "-inf", "2000", 2_000, 2, 0, null, null,
                "owner", null, null, null, 0, 0, null, null);

        long started = store.startTask(task).await().indefinitely();
        assertThat(redis.sortedSet(String.class).zrange(DlqKeys.runningTasks(), 0, -1)).containsExactly("task-1");
        List<JsonNode> events = published.events(() -> assertThat(store.clearBatch(task, 100).await().indefinitely())
                .hasValue(new DlqClearPass(2, 2)));
        Optional<DlqTask> finished = store.finishTask("task-1", DlqTask.SUCCEEDED, null, Duration.ofMinutes(5),
                Duration.ZERO).await().indefinitely();

        assertThat(redis.sortedSet(String.class).zrange(DlqKeys.all(), 0, -1)).containsExactly("system-24");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("type").asText()).isEqualTo("cleared");
            assertThat(e.get("count").asInt()).isEqualTo(2);
        });
        assertThat(finished).hasValueSatisfying(t -> {
            assertThat(t.state()).isEqualTo(DlqTask.SUCCEEDED);
            assertThat(t.removed()).isEqualTo(2);
            assertThat(t.startedAt()).isEqualTo(started);
        });
        assertThat(redis.sortedSet(String.class).zcard(DlqKeys.runningTasks())).isZero();
        assertThat(store.finishTask("task-1", DlqTask.FAILED, "late", Duration.ofMinutes(5), Duration.ZERO)
                .await().indefinitely()).isEmpty();
        assertThat(store.clearBatch(task, 100).await().indefinitely()).isEmpty();
    }

    @Test
    void retentionDropsEntriesBeyondTheBoundAndAnnouncesHowMany() {
        insert("system-25", 1_000);
        insert("system-26", 2_000);
        insert("system-27", 3_000);

        List<JsonNode> events = published.events(() -> assertThat(
                store.applyRetention(1, Duration.ZERO, 100, TOMBSTONES).await().indefinitely())
                .isEqualTo(new DlqRetentionPass(2, 0, 0)));

        assertThat(redis.sortedSet(String.class).zrange(DlqKeys.all(), 0, -1)).containsExactly("system-27");
        assertThat(redis.sortedSet(String.class).zcard(DlqKeys.tombstones())).isZero();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("type").asText()).isEqualTo("expired");
            assertThat(e.get("count").asInt()).isEqualTo(2);
        });
        assertThat(published.events(() -> store.applyRetention(1, Duration.ZERO, 100, TOMBSTONES)
                .await().indefinitely())).isEmpty();
    }

    private String insert(String id, long lastFailedAt) {
        return store.insert(List.of(record(id, lastFailedAt)), 0, Duration.ofHours(50)).await().indefinitely()
                .statuses().getFirst();
    }
}
