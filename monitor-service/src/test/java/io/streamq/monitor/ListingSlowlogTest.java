package io.streamq.monitor;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.EnqueuedJob;
import io.streamq.core.job.NewJob;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.script.AdminCommands;
import io.streamq.core.store.JobStore;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.SlowCommands;
import io.streamq.testing.TestTokens;
import io.vertx.mutiny.redis.client.Command;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deep pages and searches over a big queue hold Redis only briefly: no script call of the listing lands in the
 * SLOWLOG at 20 ms. The data goes in through the real enqueue and claim paths: {@code listing.jobs} (200,000) waiting
 * and a tenth of that active in {@code system}, 50,000 delayed, and in {@code email} 10 payloads of 2 MB and 600 of
 * 20 KB. The SLOWLOG times each command inside Redis, not the test's calls; nothing here asserts the test's own time.
 * {@code -Dlisting.slowlog-us=0} logs every command, to read the durations ({@code -Dlisting.jobs=1000000} for a
 * million).
 */
@QuarkusTest
@TestProfile(OwnRedis.class)
@WithTestResource(RedisTestResource.class)
class ListingSlowlogTest {

    static final Duration WAIT = Duration.ofMinutes(2);
    static final long SLOW_US = 20_000;

    @Inject
    Drive drive;
    @Inject
    JobStore store;
    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void deepPagesAndSearchesLogNoSlowScript() {
        int waiting = Integer.getInteger("listing.jobs", 200_000);
        int active = waiting / 10;
        enqueue(JobType.SYSTEM_CLEANUP, waiting + active, 0, i -> "{\"olderThanHours\":" + i + "}", 1_000);
        List<ClaimedJob> claimed = new ArrayList<>(active);
        while (claimed.size() < active) {
            claimed.addAll(drive.claim(QueueName.SYSTEM, "w-deep", Math.min(1_000, active - claimed.size())));
        }
        enqueue(JobType.SYSTEM_HEALTH_CHECK, 50_000, 3_600_000L, i -> "{\"probe\":\"p-" + i + "\"}", 1_000);
        String huge = "{\"body\":\"" + "y".repeat(2 << 20) + "\"}";
        String large = "{\"body\":\"" + "z".repeat(20 << 10) + "\"}";
        enqueue(JobType.EMAIL_SEND_BULK, 10, 0, i -> huge, 2);
        enqueue(JobType.EMAIL_SEND_BULK, 600, 0, i -> large, 100);
        String stream = QueueKeys.of(QueueName.SYSTEM).stream();
        String deepWaiting = redis.execute(Command.XREVRANGE, stream, "+", "-", "COUNT", "150").await().atMost(WAIT)
                .get(149).get(0).toString();
        String deepActive = claimed.get(active - 150).entryId();
        String token = TestTokens.owner("deep-" + System.nanoTime());

        long threshold = Long.getLong("listing.slowlog-us", SLOW_US);
        // The first call after a Redis start sends the script's source; measured are the calls after.
        list(token, "state=waiting&pageSize=1");
        SlowCommands slowCommands = SlowCommands.watch(RedisTestResource.server(), threshold);
        readDeepAndSearch(token, deepWaiting, deepActive);
        List<SlowCommands.Slow> calls = slowCommands.entries();
        System.out.printf("Listing slowlog (threshold %d µs, real-time Redis %s; system: stream %s entries, delayed "
                        + "%s): %d entries; pages %s; search calls %s%n", threshold, slowCommands.realtime(),
                TestRedis.command("XLEN", stream), TestRedis.command("ZCARD", QueueKeys.of(QueueName.SYSTEM)
                        .delayed()), calls.size(), scripts(calls, false), scripts(calls, true));
        calls.stream().filter(ListingSlowlogTest::script).sorted(Comparator.comparingLong(SlowCommands.Slow::micros)
                .reversed()).limit(5).forEach(c -> System.out.printf("Listing slowlog:   %s%n", c));
        assertThat(calls.stream().filter(c -> searchJobs(c) && c.micros() >= SLOW_US).toList())
                .as("search-jobs calls of 20 ms or more").isEmpty();

        // The control: what the old script did for ?page=1000&pageSize=100 (copy 100,000 ids into Lua) is logged.
        slowCommands.threshold(SLOW_US);
        TestRedis.command("EVAL", "return #redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', ARGV[1])", "1", stream,
                "100000");
        List<SlowCommands.Slow> control = slowCommands.entries();
        System.out.printf("Listing slowlog: control (100,000 entries into Lua): %s%n", control);
        assertThat(control).filteredOn(ListingSlowlogTest::script).isNotEmpty();
        slowCommands.threshold(10_000);
    }

    private static void readDeepAndSearch(String token, String deepWaiting, String deepActive) {
        assertThat(ids(list(token, "state=waiting&page=20&pageSize=100"))).hasSize(100);
        assertThat(ids(list(token, "state=waiting&pageSize=100&cursor=" + deepWaiting))).hasSize(100);
        assertThat(ids(list(token, "state=active&page=20&pageSize=100"))).hasSize(100);
        assertThat(ids(list(token, "state=active&pageSize=100&cursor=" + deepActive))).hasSize(100);
        assertThat(ids(list(token, "state=delayed&page=10000&pageSize=5"))).hasSize(5);
        Api.assertProblem(Api.get(token, "/owner/queues/system/jobs?state=waiting&page=10000&pageSize=100"), 400);

        JsonPath waitingSearch = list(token, "state=waiting&search=no-such-text");
        assertThat(waitingSearch.getInt("scanned")).isEqualTo(2_000);
        assertThat(waitingSearch.getBoolean("searchLimited")).isTrue();
        assertThat(list(token, "state=delayed&search=no-such-text").getInt("scanned")).isEqualTo(2_000);
        assertThat(list(token, "state=active&search=no-such-text").getInt("scanned")).isEqualTo(2_000);
        // 8 MiB of payload at 16 KiB a job: the byte bound stops this search, and says so.
        JsonPath big = JobListingTest.list(token, QueueName.EMAIL, "state=waiting&search=no-such-text");
        assertThat(big.getInt("scanned")).isEqualTo(512);
        assertThat(big.getInt("partlySearched")).isEqualTo(512);
        assertThat(big.getBoolean("searchLimited")).isTrue();
    }

    /** Durations of search-jobs calls: listing pages, or search calls. */
    private static LongSummaryStatistics scripts(List<SlowCommands.Slow> calls, boolean search) {
        return calls.stream().filter(c -> searchJobs(c) && c.args().contains("no-such-text") == search)
                .mapToLong(SlowCommands.Slow::micros).summaryStatistics();
    }

    private static boolean script(SlowCommands.Slow call) {
        return call.command().regionMatches(true, 0, "eval", 0, 4);
    }

    private static boolean searchJobs(SlowCommands.Slow call) {
        return call.args().contains(AdminCommands.SEARCH_JOBS.sha1());
    }

    private void enqueue(JobType type, int n, long delayMs, IntFunction<String> payload, int batch) {
        List<Uni<List<EnqueuedJob>>> inFlight = new ArrayList<>();
        for (int from = 0; from < n; from += batch) {
            inFlight.add(store.enqueue(IntStream.range(from, Math.min(n, from + batch))
                    .mapToObj(i -> new NewJob(type, payload.apply(i), "t-1", "ws-1", "tester", null, delayMs))
                    .toList()));
            if (inFlight.size() == 4) {
                Uni.join().all(inFlight).andFailFast().await().atMost(WAIT);
                inFlight.clear();
            }
        }
        if (!inFlight.isEmpty()) {
            Uni.join().all(inFlight).andFailFast().await().atMost(WAIT);
        }
    }

    private static JsonPath list(String token, String query) {
        return JobListingTest.list(token, QueueName.SYSTEM, query);
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("data.id", String.class);
    }
}
