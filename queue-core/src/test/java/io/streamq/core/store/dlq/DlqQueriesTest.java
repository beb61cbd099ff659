package io.streamq.core.store.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Entries written through {@link DlqStore} read back through {@link DlqQueries}. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class DlqQueriesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    DlqStore store;

    @Inject
    DlqQueries queries;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        redis.flushall();
    }

    private static DlqRecord record(String queue, int n, String code, long failedAt, int replays, String payload) {
        return new DlqRecord(queue, queue + "-" + n, queue + ".job", "Boom", "failed " + n + " times", "at line " + n,
                code, failedAt - 1_000, failedAt, 3, payload, "tenant-" + n, "", "actor", replays, "failed <n> times");
    }

    private void insert(List<DlqRecord> records) {
        store.insert(records, 0, Duration.ofHours(50)).await().atMost(WAIT);
    }

    @Test
    void listedFieldsAndPayloadsRoundTrip() {
        long t = queries.now().await().atMost(WAIT) - 60_000;
        DlqRecord r = record("email", 1, "smtp", t, 2, "{\"to\":\"x\"}");
        insert(List.of(r));

        DlqEntry listed = queries.listed(List.of("email-1", "email-404")).await().atMost(WAIT).getFirst();
        DlqEntry full = store.find("email-1").await().atMost(WAIT).orElseThrow();

        assertThat(queries.listed(List.of("email-1", "email-404")).await().atMost(WAIT)).hasSize(1);
        assertThat(listed.id()).isEqualTo("email-1");
        assertThat(listed.originalQueue()).isEqualTo("email");
        assertThat(listed.originalJobName()).isEqualTo("email.job");
        assertThat(listed.errorMessage()).isEqualTo(r.errorMessage());
        assertThat(listed.errorCode()).isEqualTo("smtp");
        assertThat(listed.firstFailedAt()).isEqualTo(t - 1_000);
        assertThat(listed.lastFailedAt()).isEqualTo(t);
        assertThat(listed.attemptsMade()).isEqualTo(3);
        assertThat(listed.replayCount()).isEqualTo(2);
        assertThat(listed.isReplayed()).isTrue();
        assertThat(listed.tenantId()).isEqualTo("tenant-1");
        assertThat(listed.workspaceId()).isNull();
        assertThat(listed.payload()).as("a list does not read payloads").isNull();
        assertThat(listed.errorStack()).isNull();
        assertThat(full.errorStack()).isEqualTo("at line 1");
        assertThat(full.fingerprint()).isEqualTo("failed <n> times");
        assertThat(queries.payloads(List.of("email-1", "email-404")).await().atMost(WAIT))
                .containsExactly("{\"to\":\"x\"}", null);
        assertThat(queries.payloadSizes(List.of("email-1", "email-404")).await().atMost(WAIT))
                .containsExactly((long) r.payload().length(), 0L);
    }

    @Test
    void pagesByOffsetAndSeeksByCursorFollowTheIndexOrder() {
        long t = queries.now().await().atMost(WAIT) - 600_000;
        List<DlqRecord> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Ties of five: members of one score come in reverse byte order.
            records.add(record("system", 100 + i, "code-" + (i % 2), t + i / 5, 0, "{}"));
        }
        insert(records);
        List<String> all = new ArrayList<>();
        DlqChunk first = queries.newestFirst(DlqKeys.all(), "+inf", "-inf", 0, 25).await().atMost(WAIT);
        all.addAll(first.ids());

        assertThat(all).hasSize(25).doesNotHaveDuplicates();
        assertThat(first.members().getFirst().score()).isEqualTo(t + 4);
        assertThat(first.members().getLast().score()).isEqualTo(t);
        assertThat(all.subList(0, 5)).containsExactly("system-124", "system-123", "system-122", "system-121",
                "system-120");
        assertThat(first.last()).isEqualTo(new DlqCursor(Long.toString(t), all.getLast()));

        List<String> byOffset = new ArrayList<>();
        List<String> bySeek = new ArrayList<>();
        DlqCursor after = null;
        for (int page = 0; page < 4; page++) {
            byOffset.addAll(queries.newestFirst(DlqKeys.all(), "+inf", "-inf", page * 7L, 7).await().atMost(WAIT)
                    .ids());
            DlqChunk chunk = (after == null ? queries.newestFirst(DlqKeys.all(), "+inf", "-inf", 0, 7)
                    : queries.newestFirst(DlqKeys.all(), "+inf", "-inf", after, 7)).await().atMost(WAIT);
            bySeek.addAll(chunk.ids());
            after = chunk.last();
        }
        assertThat(byOffset).isEqualTo(all);
        assertThat(bySeek).isEqualTo(all);
        assertThat(queries.newestFirst(DlqKeys.all(), "+inf", "-inf", 25, 7).await().atMost(WAIT).last()).isNull();

        String range = Long.toString(t + 1);
        assertThat(queries.newestFirst(DlqKeys.byErrorCode("code-1"), range, range, 0, 10).await().atMost(WAIT)
                .ids()).containsExactlyInAnyOrder("system-105", "system-107", "system-109");
        assertThat(queries.count(DlqKeys.all(), "-inf", "+inf").await().atMost(WAIT)).isEqualTo(25);
        assertThat(queries.count(DlqKeys.byErrorCode("code-0"), "-inf", "+inf").await().atMost(WAIT)).isEqualTo(13);
        assertThat(queries.count(DlqKeys.all(), range, range).await().atMost(WAIT)).isEqualTo(5);
        assertThat(queries.count(DlqKeys.byQueue("email"), "-inf", "+inf").await().atMost(WAIT)).isZero();
    }

    @Test
    void countersAndHoursSumUpTheEntries() {
        long now = queries.now().await().atMost(WAIT);
        long t = now - 60_000;
        insert(List.of(record("email", 1, "smtp", t, 0, "{}"), record("email", 2, "smtp", t, 1, "{}"),
                record("email", 3, "dns", t, 3, "{}"), record("ai", 4, "smtp", t, 5, "{}")));
        insert(List.of(record("email", 1, "smtp", t, 0, "{}")));

        DlqCounters c = queries.counters(100, 50, 10, 24, 3).await().atMost(WAIT);

        assertThat(c.now()).isGreaterThanOrEqualTo(now);
        assertThat(c.entries()).isEqualTo(4);
        assertThat(c.byQueue()).containsExactly(new Count("email", 3), new Count("ai", 1));
        assertThat(c.byErrorCode()).containsExactly(new Count("smtp", 3), new Count("dns", 1));
        assertThat(c.byJobName()).containsExactly(new Count("email.job", 3), new Count("ai.job", 1));
        assertThat(c.byReason()).singleElement().isEqualTo(new ErrorReason("failed <n> times", 4, "failed 4 times"));
        assertThat(c.byReplayStatus()).isEqualTo(new ReplayStatus(1, 1, 0, 2));
        assertThat(c.mostReplayed()).containsExactly(new ReplayedJob("ai-4", "ai", "ai.job", 5),
                new ReplayedJob("email-3", "email", "email.job", 3), new ReplayedJob("email-2", "email", "email.job",
                        1));
        assertThat(c.sumFirstFailedSec()).isEqualTo(4 * ((t - 1_000) / 1_000));
        assertThat(c.duplicates()).isEqualTo(1);
        assertThat(c.retentionDropped()).isZero();
        Instant hour = Instant.ofEpochMilli(t / DlqQueries.HOUR_MS * DlqQueries.HOUR_MS);
        assertThat(c.byHour()).hasSize(24).contains(new HourCount(hour, 4));
        assertThat(c.byHour().stream().mapToLong(HourCount::count).sum()).isEqualTo(4);
        assertThat(c.byHour().getLast().hour()).isEqualTo(Instant.ofEpochMilli(c.now() / DlqQueries.HOUR_MS
                * DlqQueries.HOUR_MS));

        List<HourCount> email = queries.perHour("email", 48).await().atMost(WAIT);
        assertThat(email).hasSize(48).contains(new HourCount(hour, 3));
        assertThat(email.stream().mapToLong(HourCount::count).sum()).isEqualTo(3);
        assertThat(queries.perHour(null, 2).await().atMost(WAIT).stream().mapToLong(HourCount::count).sum())
                .isEqualTo(4);
    }

    @Test
    void anEmptyStoreCountsNothing() {
        DlqCounters c = queries.counters(100, 50, 10, 24, 3).await().atMost(WAIT);

        assertThat(c.entries()).isZero();
        assertThat(c.byQueue()).isEmpty();
        assertThat(c.byReason()).isEmpty();
        assertThat(c.mostReplayed()).isEmpty();
        assertThat(c.byReplayStatus()).isEqualTo(new ReplayStatus(0, 0, 0, 0));
        assertThat(c.byHour()).hasSize(24).allMatch(h -> h.count() == 0);
        assertThat(queries.listed(List.of()).await().atMost(WAIT)).isEmpty();
    }
}
