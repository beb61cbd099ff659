package io.streamq.core.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqReplayMark;
import io.streamq.core.store.DlqSuccess;
import io.streamq.testing.RedisTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.streamq.core.dlq.DlqRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a replay records on its entry: the replay lock (dlq-release-lock.lua), the replay itself
 * (dlq-mark-replayed.lua) and the replayed job's success (dlq-mark-succeeded.lua).
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class DlqReplayMarksTest extends DlqScriptTest {

    @Test
    void aReplayIsCountedOnceAndAnnounced() {
        store.insert(List.of(record("system-10", 1_000)), 0, Duration.ofHours(50)).await().indefinitely();

        List<JsonNode> events = published.events(() -> assertThat(mark("system-10", 1))
                .isEqualTo(new DlqReplayMark.Marked(1)));
        List<JsonNode> repeated = published.events(() -> assertThat(mark("system-10", 1))
                .isEqualTo(new DlqReplayMark.Marked(1)));

        assertThat(redis.hash(String.class).hgetall(DlqKeys.entry("system-10")))
                .containsEntry("replayCount", "1").containsEntry("isReplayed", "1");
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.replays(), "system-10")).hasValue(1.0);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("type").asText()).isEqualTo("replayed");
            assertThat(e.get("actor").asText()).isEqualTo("owner");
            assertThat(e.get("replayCount").asInt()).isEqualTo(1);
        });
        assertThat(repeated).isEmpty();
    }

    @Test
    void aReplayPastTheLimitOrOfNoEntryChangesNothing() {
        store.insert(List.of(record("system-11", 1_000)), 0, Duration.ofHours(50)).await().indefinitely();

        List<JsonNode> events = published.events(() -> {
            assertThat(mark("system-11", 4)).isInstanceOf(DlqReplayMark.LimitReached.class);
            assertThat(mark("system-12", 1)).isInstanceOf(DlqReplayMark.Missing.class);
        });

        assertThat(events).isEmpty();
        assertThat(redis.hash(String.class).hget(DlqKeys.entry("system-11"), "replayCount")).isEqualTo("0");
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.replays(), "system-11")).hasValue(0.0);
    }

    @Test
    void aSuccessIsRecordedOnItsEntryAndAnnounced() {
        store.insert(List.of(record("system-13", 1_000)), 0, Duration.ofHours(50)).await().indefinitely();

        List<JsonNode> events = published.events(() -> assertThat(succeeded("system-13", 5_000))
                .containsExactly("succeeded"));
        List<JsonNode> repeated = published.events(() -> assertThat(succeeded("system-13", 5_000))
                .containsExactly("duplicate"));

        assertThat(redis.hash(String.class).hget(DlqKeys.entry("system-13"), "replaySucceededAt")).isEqualTo("5000");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("type").asText()).isEqualTo("succeeded");
            assertThat(e.get("id").asText()).isEqualTo("system-13");
        });
        assertThat(repeated).isEmpty();
    }

    @Test
    void aSuccessBeforeItsFailureWaitsAndTheInsertTakesIt() {
        List<JsonNode> pending = published.events(() -> assertThat(succeeded("system-14", 5_000))
                .containsExactly("pending"));
        List<JsonNode> inserted = published.events(() -> store.insert(List.of(record("system-14", 1_000)), 0,
                Duration.ofHours(50)).await().indefinitely());

        assertThat(pending).isEmpty();
        assertThat(inserted).extracting(e -> e.get("type").asText()).containsExactly("added", "succeeded");
        assertThat(redis.hash(String.class).hget(DlqKeys.entry("system-14"), "replaySucceededAt")).isEqualTo("5000");
    }

    @Test
    void theReplayLockIsReleasedOnlyByItsHolder() {
        assertThat(store.tryLock("system-15", "mine", Duration.ofMinutes(1)).await().indefinitely()).isTrue();

        assertThat(store.releaseLock("system-15", "theirs").await().indefinitely()).isFalse();
        assertThat(redis.value(String.class).get(DlqKeys.replayLock("system-15"))).isEqualTo("mine");
        assertThat(store.releaseLock("system-15", "mine").await().indefinitely()).isTrue();
        assertThat(redis.key().exists(DlqKeys.replayLock("system-15"))).isFalse();
    }

    private DlqReplayMark mark(String id, int replayCount) {
        return store.markReplayed(id, "owner", replayCount, 3).await().indefinitely();
    }

    private List<String> succeeded(String id, long at) {
        return store.markSucceeded(List.of(new DlqSuccess("system", id, "system.cleanup", at, 1)))
                .await().indefinitely();
    }
}
