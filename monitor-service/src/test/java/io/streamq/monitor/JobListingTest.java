package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.EnqueuedJob;
import io.streamq.core.job.NewJob;
import io.streamq.core.store.JobStore;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Jobs pages by number and by cursor in every state, and what a search says about how far it looked. */
@QuarkusTest
@TestProfile(OwnRedis.class)
@WithTestResource(RedisTestResource.class)
class JobListingTest {

    static final String PAYLOAD = "{\"prompt\":\"haiku about %s\",\"model\":\"m\"}";

    @Inject
    Drive drive;
    @Inject
    JobStore store;

    @Test
    void cursorsWalkEveryStateAndPageNumbersReachOnlySoDeepIntoTheStream() {
        String token = TestTokens.owner("pager-" + System.nanoTime());
        List<String> ids = drive.enqueue(JobType.AI_GENERATE_TEXT, 45, PAYLOAD.formatted("paging"));
        List<ClaimedJob> claimed = drive.claim(QueueName.AI, "w-pager", 12);
        assertThat(claimed).extracting(ClaimedJob::jobId).containsExactlyElementsOf(ids.subList(0, 12));
        List<String> delayed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Enqueued latest-due first, so listing order (soonest due first) is the reverse of enqueue order.
            delayed.addFirst(enqueue(JobType.AI_GENERATE_TEXT, 3_600_000L - i * 60_000L));
        }
        for (int i = 0; i < 3; i++) {
            drive.fail(claimed.get(i), "w-pager", 5, "boom", "failed for the pager");
        }
        for (int i = 3; i < 7; i++) {
            drive.complete(QueueName.AI, "w-pager", claimed.get(i), 5);
        }

        assertThat(walk(token, "waiting", 10)).containsExactlyElementsOf(ids.subList(12, 45));
        assertThat(walk(token, "active", 2)).containsExactlyElementsOf(ids.subList(7, 12));
        assertThat(walk(token, "delayed", 3)).containsExactlyElementsOf(delayed);
        // Same finish millisecond would order by member, so only membership is certain here.
        assertThat(walk(token, "failed", 2)).containsExactlyInAnyOrderElementsOf(ids.subList(0, 3));
        assertThat(walk(token, "completed", 3)).containsExactlyInAnyOrderElementsOf(ids.subList(3, 7));

        // Page numbers and cursors agree.
        JsonPath page2 = list(token, "state=waiting&page=2&pageSize=10");
        assertThat(page2.getList("data.id", String.class)).containsExactlyElementsOf(ids.subList(22, 32));
        assertThat(page2.getLong("total")).isEqualTo(33);
        JsonPath page3 = list(token, "state=waiting&pageSize=10&cursor=" + page2.getString("nextCursor"));
        assertThat(page3.getList("data.id", String.class)).containsExactlyElementsOf(ids.subList(32, 42));
        JsonPath last = list(token, "state=waiting&pageSize=10&cursor=" + page3.getString("nextCursor"));
        assertThat(last.getList("data.id", String.class)).containsExactlyElementsOf(ids.subList(42, 45));
        assertThat(last.getString("nextCursor")).isNull();

        // A cursor handed out before jobs were claimed continues with the first job still waiting.
        JsonPath first = list(token, "state=waiting&pageSize=5");
        assertThat(drive.claim(QueueName.AI, "w-pager", 10)).extracting(ClaimedJob::jobId)
                .containsExactlyElementsOf(ids.subList(12, 22));
        assertThat(list(token, "state=waiting&pageSize=5&cursor=" + first.getString("nextCursor"))
                .getList("data.id", String.class)).containsExactlyElementsOf(ids.subList(22, 27));

        // Page numbers reach the first 2,000 jobs of the stream-backed states; the sorted sets any depth.
        assertThat(list(token, "state=waiting&page=200&pageSize=10").getList("data")).isEmpty();
        Response deep = Api.assertProblem(Api.get(token, "/owner/queues/ai/jobs?state=active&page=201&pageSize=10"),
                400);
        assertThat(deep.jsonPath().getList("errors.field", String.class)).containsExactly("page");
        assertThat(deep.jsonPath().getString("errors[0].message")).contains("cursor");
        assertThat(list(token, "state=delayed&page=10000&pageSize=100").getList("data")).isEmpty();

        for (String bad : List.of("state=waiting&cursor=3", "state=delayed&cursor=" + page2.getString("nextCursor"),
                "state=waiting&cursor=1-2-3", "state=waiting&search=x&cursor=" + page2.getString("nextCursor"))) {
            Response r = Api.assertProblem(Api.get(token, "/owner/queues/ai/jobs?" + bad), 400);
            assertThat(r.jsonPath().getList("errors.field", String.class)).as(bad).containsExactly("cursor");
        }
    }

    @Test
    void searchReadsBoundedPayloadPrefixesAndSaysHowFarItLooked() {
        String token = TestTokens.owner("searcher-" + System.nanoTime());
        String marker = "kiwi" + System.nanoTime();
        String filler = "x".repeat(40_000);
        String near = enqueue(JobType.ANALYTICS_TRACK_EVENT, "{\"event\":\"" + marker + "\",\"pad\":\"" + filler
                + "\"}");
        // Past the first 16 KiB of its payload: not searched, and counted as partly searched.
        enqueue(JobType.ANALYTICS_TRACK_EVENT, "{\"pad\":\"" + filler + "\",\"event\":\"" + marker + "\"}");
        String small = enqueue(JobType.ANALYTICS_TRACK_EVENT, "{\"event\":\"" + marker + "\"}");
        drive.enqueue(JobType.ANALYTICS_TRACK_EVENT, 3, "{\"event\":\"other\"}");

        JsonPath found = list(token, QueueName.ANALYTICS, "state=waiting&search=" + marker.toUpperCase());
        assertThat(found.getList("data.id", String.class)).containsExactly(near, small);
        assertThat(found.getLong("total")).isEqualTo(2);
        assertThat(found.getInt("scanned")).isEqualTo(6);
        assertThat(found.getInt("partlySearched")).isEqualTo(1);
        assertThat(found.getBoolean("searchLimited")).isFalse();

        // More jobs than the scan limit (2,000): the search looks at the first ones, in several short calls.
        List<NewJob> many = new ArrayList<>();
        for (int i = 0; i < 2_100; i++) {
            many.add(new NewJob(JobType.ANALYTICS_TRACK_EVENT, "{\"event\":\"e-" + i + "\"}", "t-1", "ws-1", "tester",
                    null, 0));
        }
        store.enqueue(many).await().atMost(Drive.WAIT);
        JsonPath limited = list(token, QueueName.ANALYTICS, "state=waiting&pageSize=1&page=2&search=E-20");
        assertThat(limited.getInt("scanned")).isEqualTo(2_000);
        assertThat(limited.getInt("scanLimit")).isEqualTo(2_000);
        assertThat(limited.getBoolean("searchLimited")).isTrue();
        // e-20 and e-200..e-209 among the first 1,994 enqueued after the six above (e-2000.. are past the limit).
        assertThat(limited.getLong("total")).isEqualTo(11);
        assertThat(limited.getString("data[0].id")).isNotNull();
        assertThat(limited.getString("nextCursor")).isNull();
    }

    private String enqueue(JobType type, long delayMs) {
        return store.enqueue(List.of(new NewJob(type, PAYLOAD.formatted("later"), "t-1", "ws-1", "tester", null,
                delayMs))).await().atMost(Drive.WAIT).getFirst().id();
    }

    private String enqueue(JobType type, String payload) {
        return store.enqueue(List.of(new NewJob(type, payload, "t-1", "ws-1", "tester", null, 0)))
                .await().atMost(Drive.WAIT).stream().map(EnqueuedJob::id).findFirst().orElseThrow();
    }

    /** Every id of an ai state, page by page, each page continuing at the cursor of the one before. */
    private static List<String> walk(String token, String state, int pageSize) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            JsonPath page = list(token, "state=" + state + "&pageSize=" + pageSize
                    + (cursor == null ? "" : "&cursor=" + cursor));
            out.addAll(page.getList("data.id", String.class));
            cursor = page.getString("nextCursor");
            if (cursor == null) {
                return out;
            }
        }
        throw new AssertionError("no last page of " + state);
    }

    private static JsonPath list(String token, String query) {
        return list(token, QueueName.AI, query);
    }

    static JsonPath list(String token, QueueName queue, String query) {
        Response r = Api.get(token, "/owner/queues/" + queue.wireName() + "/jobs?" + query);
        assertThat(r.statusCode()).as(query + ": " + r.asString()).isEqualTo(200);
        return r.jsonPath();
    }
}
