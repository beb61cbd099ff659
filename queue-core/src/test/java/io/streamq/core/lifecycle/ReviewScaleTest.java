package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.script.Commands;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.SlowCommands;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Review finding 2: reclaim's {@code XPENDING ... IDLE} walks every pending entry from the cursor to the end while
 * they are live (Redis filters by idle time inside its scan, and the COUNT counts only matches), so one call costs
 * O(pending list), not O(limit). Time inside Redis is read from SLOWLOG.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ReviewScaleTest {

    /** The ai queue keeps the default 30 s visibility timeout in the test profile: the live entries stay live. */
    private static final QueueName AI = QueueName.AI;
    private static final QueueKeys K = QueueKeys.of(AI);
    private static final int ACTIVE = 1_000_000;
    private static final int DEAD = 10;
    private static final int CHUNK = 50_000;
    private static final long BUDGET_MICROS = 20_000;

    /** Adds entries 1-(from+1) .. 1-(from+n) naming jobs ai-(from+1) ..; ARGV: n, from. */
    private static final String ADD = """
            local n, from = tonumber(ARGV[1]), tonumber(ARGV[2])
            for i = from + 1, from + n do
              redis.call('XADD', KEYS[1], '1-' .. i, 'j', 'ai-' .. i)
            end
            return n
            """;

    /**
     * Makes entries 1-(from+1) .. 1-(from+n) pending for a consumer, as a delivery does (XCLAIM FORCE: cheaper to set up
     * than XREADGROUP). ARGV: n, from, group, consumer, idle ms ('' for none).
     */
    private static final String DELIVER = """
            local n, from, group, consumer, idle = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5]
            local done = 0
            while done < n do
              local size = math.min(5000, n - done)
              local claim = {'XCLAIM', KEYS[1], group, consumer, 0}
              for i = from + done + 1, from + done + size do
                claim[#claim + 1] = '1-' .. i
              end
              if idle ~= '' then
                claim[#claim + 1] = 'IDLE'
                claim[#claim + 1] = idle
              end
              claim[#claim + 1] = 'FORCE'
              claim[#claim + 1] = 'JUSTID'
              redis.call(unpack(claim))
              done = done + size
            end
            return done
            """;

    @Inject
    WorkQueue work;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    @AfterEach
    void reset() {
        redis.flushall();
    }

    @Test
    void reclaimWalksTheWholePendingListWhileItsEntriesAreLive() {
        long started = System.nanoTime();
        redis.execute("XGROUP", "CREATE", K.stream(), QueueKeys.CONSUMER_GROUP, "0", "MKSTREAM");
        for (int from = 0; from < ACTIVE + DEAD; from += CHUNK) {
            eval(ADD, Math.min(CHUNK, ACTIVE + DEAD - from), from);
        }
        // A worker that died an hour ago holds the last entries (the newest jobs) ...
        eval(DELIVER, DEAD, ACTIVE, QueueKeys.CONSUMER_GROUP, "worker-dead", "3600000");
        for (int i = ACTIVE + 1; i <= ACTIVE + DEAD; i++) {
            redis.hash(String.class).hset(K.job("ai-" + i), Map.of("state", "active", "worker", "worker-dead",
                    "entry", "1-" + i, "attempts", "1", "maxAttempts", "3", "name", "ai.summarize"));
            redis.value(String.class).set(K.payload("ai-" + i), "{}");
        }
        // ... behind a million jobs live workers are running (delivered last chunk first, so if the setup outlasts
        // the visibility timeout, the entries that turned idle sit at the end of the list, not at its start).
        for (int from = ACTIVE - CHUNK; from >= 0; from -= CHUNK) {
            eval(DELIVER, CHUNK, from, QueueKeys.CONSUMER_GROUP, "worker-live", "");
        }
        redis.execute("XGROUP", "SETID", K.stream(), QueueKeys.CONSUMER_GROUP, "1-" + (ACTIVE + DEAD));
        long setupMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(redis.execute("XPENDING", K.stream(), QueueKeys.CONSUMER_GROUP).get(0).toLong())
                .isEqualTo(ACTIVE + DEAD);

        SlowCommands slow = SlowCommands.watch(RedisTestResource.server(), 0);
        ReclaimBatch batch = work.reclaim(AI, "worker-b", DEAD, ReclaimBatch.START).await()
                .atMost(Duration.ofSeconds(30));
        long micros = reclaimMicros(slow);
        slow.threshold(10_000);

        assertThat(micros).as("one reclaim call (limit %d) over %d live pending entries: %d jobs taken, setup %d ms",
                DEAD, ACTIVE, batch.jobs().size(), setupMs).isLessThan(BUDGET_MICROS);
    }

    private void eval(String script, Object... args) {
        String[] all = new String[3 + args.length];
        all[0] = script;
        all[1] = "1";
        all[2] = K.stream();
        for (int i = 0; i < args.length; i++) {
            all[3 + i] = args[i].toString();
        }
        redis.execute("EVAL", all);
    }

    /** Duration (µs) of the reclaim script call in SLOWLOG. */
    private static long reclaimMicros(SlowCommands slow) {
        for (SlowCommands.Slow call : slow.entries()) {
            List<String> args = call.args();
            boolean evalsha = call.command().equalsIgnoreCase("evalsha") && args.get(1).equals(Commands.RECLAIM.sha1());
            boolean eval = call.command().equalsIgnoreCase("eval") && args.get(1).contains("reclaim:");
            if (evalsha || eval) {
                return call.micros();
            }
        }
        throw new AssertionError("no reclaim call in SLOWLOG");
    }
}
