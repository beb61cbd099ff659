package io.streamq.core.analytics;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.keys.AnalyticsKeys;
import io.streamq.core.store.AnalyticsStore;
import io.streamq.core.store.AnalyticsStore.DayBounds;
import io.streamq.core.store.AnalyticsStore.DaySummary;
import io.streamq.core.store.AnalyticsStore.SummaryBounds;
import io.streamq.core.store.AnalyticsStore.Tracked;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics scripts: counting an event once per job (track-event.lua) and the bounded daily roll-up
 * (aggregate-day.lua). Neither publishes anything.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class AnalyticsScriptsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final DayBounds BOUNDS = new DayBounds(Duration.ofDays(3), 100, 100);

    @Inject
    AnalyticsStore analytics;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        redis.flushall();
    }

    @Test
    void anEventIsCountedOncePerJobWithItsBreakdownAndTheUsersActivity() {
        Tracked first = track("job-1", "signup", List.of("plan=pro"));
        Tracked again = track("job-1", "signup", List.of("plan=pro"));
        Tracked other = track("job-2", "signup", List.of("plan=free"));

        assertThat(first.counted()).isTrue();
        assertThat(first.dayCount()).isEqualTo(1);
        assertThat(first.propertiesRecorded()).isEqualTo(1);
        assertThat(again.counted()).isFalse();
        assertThat(other.dayCount()).isEqualTo(2);
        assertThat(redis.hash(String.class).hgetall(AnalyticsKeys.dayCounts(DAY))).containsEntry("signup", "2");
        assertThat(redis.hash(String.class).hgetall(AnalyticsKeys.dayProperties(DAY)))
                .containsEntry("signup|plan=pro", "1").containsEntry("signup|plan=free", "1");
        assertThat(redis.key().exists(AnalyticsKeys.counted("job-1"))).isTrue();
        assertThat(redis.list(String.class).lrange(AnalyticsKeys.userRecent("user-1"), 0, -1)).hasSize(2);
        assertThat(redis.hash(String.class).hget(AnalyticsKeys.userProfile("user-1"), "email"))
                .isEqualTo("u@example.com");
    }

    @Test
    void aDayRollsUpIntoItsTopEventsAndProperties() {
        track("job-3", "signup", List.of("plan=pro"));
        track("job-4", "signup", List.of("plan=pro"));
        track("job-5", "login", List.of());

        DaySummary summary = analytics.aggregateDay(DAY, new SummaryBounds(1, 5, 2)).await().indefinitely();

        assertThat(summary.totalEvents()).isEqualTo(3);
        assertThat(summary.distinctEvents()).isEqualTo(2);
        assertThat(summary.omittedEvents()).isEqualTo(1);
        assertThat(summary.truncated()).isTrue();
        assertThat(summary.events()).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("signup");
            assertThat(e.count()).isEqualTo(2);
            assertThat(e.topProperties()).containsExactly(new DaySummary.Property("plan", "pro", 2));
        });
    }

    private Tracked track(String jobId, String event, List<String> properties) {
        return analytics.track(jobId, event, DAY, properties, BOUNDS, "user-1", "{\"event\":\"" + event + "\"}", 10,
                Duration.ofDays(7), "u@example.com").await().indefinitely();
    }
}
