package io.streamq.core.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqInsertResult;
import io.streamq.core.store.DlqRecord;
import io.streamq.testing.RedisTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.streamq.core.dlq.DlqRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

/** dlq-insert.lua: records forwarded from the dead streams become entries, idempotently. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class DlqInsertTest extends DlqScriptTest {

    private static final Duration HOUR_TTL = Duration.ofHours(50);

    @Test
    void aNewRecordBecomesAnIndexedEntryAndIsAnnounced() {
        assertThat(redis.key().exists(DlqKeys.entry("system-1"))).isFalse();

        List<JsonNode> events = published.events(() -> assertThat(insert(record("system-1", 1_000), 0).statuses())
                .containsExactly("added"));

        assertThat(redis.hash(String.class).hgetall(DlqKeys.entry("system-1")))
                .containsEntry("originalQueue", "system").containsEntry("errorCode", "boom")
                .containsEntry("lastFailedAt", "1000");
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.all(), "system-1")).hasValue(1_000.0);
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.byErrorCode("boom"), "system-1")).isPresent();
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "boom")).hasValue(1.0);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("type").asText()).isEqualTo("added");
            assertThat(e.get("id").asText()).isEqualTo("system-1");
            assertThat(e.get("errorCode").asText()).isEqualTo("boom");
            assertThat(e.get("again").asBoolean()).isFalse();
        });
    }

    @Test
    void aRepeatedForwardChangesNothingAndALaterFailureUpdatesTheEntry() {
        insert(record("system-2", 1_000), 0);

        List<JsonNode> repeated = published.events(() -> assertThat(insert(record("system-2", 1_000), 0).statuses())
                .containsExactly("duplicate"));
        List<JsonNode> again = published.events(() -> assertThat(insert(record("system-2", 2_000), 0).statuses())
                .containsExactly("updated"));

        assertThat(repeated).isEmpty();
        assertThat(again).singleElement().satisfies(e -> assertThat(e.get("again").asBoolean()).isTrue());
        assertThat(redis.hash(String.class).hget(DlqKeys.entry("system-2"), "lastFailedAt")).isEqualTo("2000");
        assertThat(redis.hash(String.class).hget(DlqKeys.entry("system-2"), "firstFailedAt")).isEqualTo("1000");
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "boom")).hasValue(1.0);
    }

    @Test
    void theCountBoundDropsTheOldestAndAnnouncesIt() {
        insert(record("system-3", 1_000), 0);

        List<JsonNode> events = published.events(() -> assertThat(insert(record("system-4", 2_000), 1).dropped())
                .isEqualTo(1));

        assertThat(redis.sortedSet(String.class).zrange(DlqKeys.all(), 0, -1)).containsExactly("system-4");
        assertThat(redis.key().exists(DlqKeys.entry("system-3"))).isFalse();
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("added", "expired");
        assertThat(events.get(1).get("count").asInt()).isEqualTo(1);
    }

    private DlqInsertResult insert(DlqRecord record, long maxEntries) {
        return store.insert(List.of(record), maxEntries, HOUR_TTL).await().indefinitely();
    }
}
