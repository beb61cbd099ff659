package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.JobType;
import io.streamq.core.schedule.MissedRuns;
import io.streamq.core.schedule.SaveOutcome;
import io.streamq.core.schedule.Schedule;
import io.streamq.core.schedule.ScheduleSpec;
import io.streamq.core.schedule.ScheduleStore;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing every schedule works when as many exist as may: 1,000. Found by the review of issue 13: the
 * answer was 503, the reads overflowing the Redis client's wait queue, and so did the audit write after them.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ScheduleListingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    ScheduleStore store;

    @Test
    void anOwnerListsTheMostSchedulesThereMayBe() {
        List<String> made = new ArrayList<>();
        try {
            for (int i = 0; ; i++) {
                String id = "listed-" + i;
                SaveOutcome outcome = store.create(new ScheduleSpec(id, JobType.SYSTEM_REFRESH_STATS, "{}", null,
                        null, 60_000L, null, null, null, MissedRuns.SKIP, true), Schedule.ORIGIN_API)
                        .await().atMost(WAIT);
                if (outcome == SaveOutcome.FULL) {
                    break;
                }
                made.add(id);
            }

            Response listed = Api.get(TestTokens.policies("lister", "READ"), "/owner/schedules");

            assertThat(listed.statusCode()).as(listed.asString()).isEqualTo(200);
            assertThat(listed.jsonPath().getList("id")).hasSize(ScheduleStore.MAX_SCHEDULES).containsAll(made);
        } finally {
            made.forEach(id -> store.delete(id).await().atMost(WAIT));
        }
    }
}
