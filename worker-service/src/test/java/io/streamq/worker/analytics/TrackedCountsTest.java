package io.streamq.worker.analytics;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracked-event window: counts per event and tenant, bounded however many pairs come, emptied by each take. */
class TrackedCountsTest {

    @Test
    void countsPerEventAndTenantAndRemembersTheLastJob() {
        TrackedCounts counts = new TrackedCounts();
        counts.add("signup", "acme", "analytics-1");
        counts.add("signup", "acme", "analytics-2");
        counts.add("signup", "", "analytics-3");
        counts.add("login", "acme", "analytics-4");

        TrackedCounts.Window window = counts.take();
        assertThat(window.events()).containsExactly(
                new TrackedCounts.Entry("signup", "acme", 2, "analytics-2"),
                new TrackedCounts.Entry("signup", null, 1, "analytics-3"),
                new TrackedCounts.Entry("login", "acme", 1, "analytics-4"));
        assertThat(window.omitted()).isZero();
        assertThat(window.to()).isGreaterThanOrEqualTo(window.from());

        TrackedCounts.Window next = counts.take();
        assertThat(next.empty()).as("each event is in one window only").isTrue();
        assertThat(next.from()).isEqualTo(window.to());
    }

    @Test
    void pairsBeyondTheBoundAreOnlyCounted() {
        TrackedCounts counts = new TrackedCounts();
        IntStream.range(0, TrackedCounts.MAX_ENTRIES + 10).forEach(i -> counts.add("event-" + i, "t", "j-" + i));
        counts.add("event-0", "t", "j-again");
        counts.add("event-" + (TrackedCounts.MAX_ENTRIES + 1), "t", "j-beyond");

        TrackedCounts.Window window = counts.take();
        assertThat(window.events()).hasSize(TrackedCounts.MAX_ENTRIES);
        assertThat(window.events().getFirst()).isEqualTo(new TrackedCounts.Entry("event-0", "t", 2, "j-again"));
        assertThat(window.omitted()).isEqualTo(11);
        assertThat(window.events().stream().mapToLong(TrackedCounts.Entry::count).sum() + window.omitted())
                .isEqualTo(TrackedCounts.MAX_ENTRIES + 12);
    }
}
