package io.streamq.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqInsertResult;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.dlq.admin.RetentionJob;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * No script call removes more than {@link DlqStore#MAX_BATCH} entries: every DLQ script publishes one event message per
 * call, so the messages show how the work was split.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class BatchBoundsTest {

    private static final long DAY = 86_400_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DlqStore store;

    @Inject
    RetentionJob retention;

    @Inject
    RedisDataSource redis;

    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private PubSubCommands.RedisSubscriber subscriber;

    @BeforeEach
    void subscribe() {
        subscriber = redis.pubsub(String.class).subscribe(Channels.DLQ_EVENTS, m -> {
            try {
                messages.add(JSON.readTree(m));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void unsubscribe() {
        subscriber.unsubscribe();
    }

    @Test
    void retentionDropsABacklogInBoundedCalls() {
        insert(records("bounds-age", 7_100_000, 1_000, System.currentTimeMillis() - 40 * DAY), 0);

        retention.applyOnce();

        await().atMost(Duration.ofSeconds(5)).until(() -> counted("expired") >= 1_000);
        assertThat(events("expired")).allSatisfy(e -> assertThat(e.get("count").asInt())
                .isBetween(1, DlqStore.MAX_BATCH));
        assertThat(redis.sortedSet(String.class).zscore(DlqKeys.countByErrorCode(), "bounds-age")).isEmpty();
    }

    @Test
    void insertDropsAtMostAsManyAsEachCallAddsToKeepTheCountBound() {
        // Older than any other test's entries (so the count bound takes these), younger than max-age (30 days).
        List<DlqRecord> ancient = records("bounds-count", 7_200_000, 800, System.currentTimeMillis() - 29 * DAY);
        insert(ancient.subList(0, 600), 0);
        long total = redis.sortedSet(String.class).zcard(DlqKeys.all());

        DlqInsertResult r = insert(ancient.subList(600, 800), total - 300);

        assertThat(r.statuses()).containsOnly("added");
        assertThat(r.dropped()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> counted("expired") >= 200);
        assertThat(events("expired")).allSatisfy(e -> assertThat(e.get("count").asInt())
                .isBetween(1, DlqStore.INSERT_BATCH));
        assertThat(redis.sortedSet(String.class).zcard(DlqKeys.all())).isEqualTo(total);
        store.delete(ancient.stream().map(DlqRecord::originalJobId).toList(), "test").await()
                .atMost(Duration.ofSeconds(10));
    }

    @Test
    void bulkDeleteOf1000IdsRunsAsBoundedCalls() {
        List<DlqRecord> records = records("bounds-bulk", 7_300_000, 1_000, System.currentTimeMillis() - DAY);
        insert(records, 0);
        StringBuilder ids = new StringBuilder();
        records.forEach(r -> ids.append(ids.isEmpty() ? "" : ",").append('"').append(r.originalJobId()).append('"'));

        given().auth().oauth2(TestTokens.owner("bulk")).contentType("application/json")
                .body("{\"ids\":[" + ids + "]}").post("/owner/dlq/bulk-delete").then().statusCode(200)
                .body("successCount", equalTo(1_000));

        java.util.Set<String> deleted = new java.util.HashSet<>(records.stream().map(DlqRecord::originalJobId)
                .toList());
        await().atMost(Duration.ofSeconds(5)).until(() -> events("deleted").stream()
                .filter(e -> deleted.contains(e.get("id").asText())).count() == 1_000);
        for (JsonNode m : messages) {
            assertThat(m.get("events").size()).isLessThanOrEqualTo(DlqStore.MAX_BATCH);
        }
    }

    private DlqInsertResult insert(List<DlqRecord> records, long maxEntries) {
        return store.insert(records, maxEntries, Duration.ofHours(50)).await().atMost(Duration.ofSeconds(30));
    }

    private static List<DlqRecord> records(String code, int firstId, int n, long lastFailedAt) {
        List<DlqRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new DlqRecord("email", "email-" + (firstId + i), "email.bounds", "E",
                    "bounds " + i, "", code, lastFailedAt - i, lastFailedAt - i, 1, "{}", "", "", "", 0,
                    "bounds <n>"));
        }
        return out;
    }

    private List<JsonNode> events(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : messages) {
            m.get("events").forEach(e -> {
                if (type.equals(e.get("type").asText())) {
                    out.add(e);
                }
            });
        }
        return out;
    }

    private long counted(String type) {
        return events(type).stream().mapToLong(e -> e.get("count").asLong()).sum();
    }
}
