package io.streamq.dlq;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.dlq.query.DlqFilter;
import io.streamq.dlq.query.DlqSearch;
import io.streamq.dlq.query.Source;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages by rank and walks by (score, member) cursor over indexes whose members mostly share a score (the replay
 * indexes hold counts 0..5), in Redis's own order: score descending, then member bytes descending.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class PagingTest {

    /** Redis's reverse order among equal scores: member bytes descending. */
    private static final Comparator<String> REVERSE_BYTES = (a, b) -> Arrays.compareUnsigned(
            b.getBytes(StandardCharsets.UTF_8), a.getBytes(StandardCharsets.UTF_8));

    @Inject
    DlqStore store;

    @Inject
    DlqSearch search;

    @Test
    void walkVisitsEverySurvivorOnceWhileTheCursorAndEntriesAheadAreDeleted() {
        long t = System.currentTimeMillis() - 60_000;
        List<String> ids = insert(1_203, 830_000, 4, i -> t + i);
        List<String> order = ids.stream().sorted(REVERSE_BYTES).toList();
        DlqFilter filter = new DlqFilter(null, "workflows", null, null, 4, null, null);
        Source source = search.plan(filter);
        List<String> visited = new ArrayList<>();
        Set<String> deletedAhead = new HashSet<>();

        search.walk(source, filter, Long.MAX_VALUE, false, chunk -> {
            chunk.forEach(e -> visited.add(e.id()));
            // Delete the walk's cursor (the chunk's last member) and the two members after it, unvisited yet.
            int at = order.indexOf(visited.getLast());
            List<String> gone = new ArrayList<>(order.subList(at, Math.min(order.size(), at + 3)));
            deletedAhead.addAll(gone.subList(1, gone.size()));
            store.delete(gone, "test").await().atMost(Duration.ofSeconds(5));
        });

        assertThat(visited).doesNotHaveDuplicates();
        assertThat(visited).containsExactlyElementsOf(order.stream().filter(id -> !deletedAhead.contains(id))
                .toList());
        store.delete(ids, "test").await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void deepPagesOfExactIndexesAreTheSameAsTheFullOrder() {
        // Five replays each (one score for all), and lastFailedAt with ties of seven.
        long t = System.currentTimeMillis() - 120_000;
        List<String> ids = insert(1_000, 840_000, 5, i -> t + i / 7);
        List<String> byReplays = ids.stream().sorted(REVERSE_BYTES).toList();
        Comparator<String> byTime = Comparator.comparingLong((String id) -> t + (Long.parseLong(id.substring(10))
                - 840_000) / 7).reversed().thenComparing(REVERSE_BYTES);
        List<String> byFailure = ids.stream().sorted(byTime).toList();
        String owner = TestTokens.owner("pager");

        for (int page : List.of(1, 7, 20)) {
            assertThat(page("/owner/dlq?originalQueue=workflows&minReplayCount=5&pageSize=50&page=" + page, owner))
                    .containsExactlyElementsOf(byReplays.subList((page - 1) * 50, page * 50));
            assertThat(page("/owner/dlq?errorCode=paging-5&pageSize=50&page=" + page, owner))
                    .containsExactlyElementsOf(byFailure.subList((page - 1) * 50, page * 50));
        }
        // A time range: entries 100..799 by index, i.e. lastFailedAt t+14 .. t+114; page 3 of it.
        List<String> inRange = byFailure.stream().filter(id -> {
            long at = t + (Long.parseLong(id.substring(10)) - 840_000) / 7;
            return at >= t + 14 && at <= t + 114;
        }).toList();
        assertThat(page("/owner/dlq?errorCode=paging-5&pageSize=100&page=3&from=" + (t + 14) + "&to=" + (t + 114),
                owner)).containsExactlyElementsOf(inRange.subList(200, 300));
        assertThat(page("/owner/dlq?errorCode=paging-5&pageSize=100&page=99", owner)).isEmpty();
        store.delete(ids, "test").await().atMost(Duration.ofSeconds(5));
    }

    private static List<String> page(String path, String owner) {
        return given().auth().oauth2(owner).get(path).then().statusCode(200).extract().jsonPath()
                .getList("data.id", String.class);
    }

    private List<String> insert(int n, int firstId, int replays, java.util.function.LongUnaryOperator failedAt) {
        List<DlqRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long at = failedAt.applyAsLong(i);
            records.add(new DlqRecord("workflows", "workflows-" + (firstId + i), "workflow.paging", "E", "page " + i,
                    "", "paging-" + replays, at, at, 1, "{}", "", "", "", replays, "page <n>"));
        }
        store.insert(records, 0, Duration.ofHours(50)).await().atMost(Duration.ofSeconds(30));
        return records.stream().map(DlqRecord::originalJobId).toList();
    }
}
