package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.script.Commands;
import io.streamq.core.script.DlqCommands;
import io.streamq.core.script.LuaScript;
import io.streamq.core.script.SecurityCommands;
import io.streamq.core.store.DlqInsertResult;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.dlq.admin.RetentionJob;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.SlowCommands;
import io.streamq.testing.TestTokens;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No DLQ script holds Redis for 20 ms or more while the owner API works on a large DLQ: filled through the real
 * dlq-insert, then ingest at the count bound, deep pages, filters, an export of one replay count, retention, a bulk
 * delete and a clear of everything, each phase with Redis's SLOWLOG reset before and read after. Its own Redis
 * (profile), so the fill and the clear touch no other test's entries. A phase may hold one lone call between 20 and
 * 40 ms, printed (see {@code phase}): an isolated stall of this VM, not the script's work.
 * <p>
 * SLOWLOG times are Redis's wall clock, which on a busy machine also counts time the operating system ran other
 * processes; {@link SlowCommands} gives the server real-time priority first, so what it logs is Redis's own work. Each
 * phase also prints its time in scripts (INFO commandstats) and the CPU time of Redis's main thread (INFO cpu).
 * <p>
 * By hand at a million entries, logging every command from 1 ms and printing each phase's Redis time:
 * <pre>./mvnw -B -o -pl dlq-service -am verify -Dtest=SlowlogTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Ddlq.slowlog.entries=1000000 -Ddlq.slowlog.log-from-us=1000</pre>
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@TestProfile(SlowlogTest.OwnRedis.class)
class SlowlogTest {

    /** Its own app and Redis; no scheduled retention, so the retention phase finds the old entries still there. */
    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.scheduler.enabled", "false");
        }
    }

    private static final long LIMIT_US = 20_000;
    private static final long DAY = 86_400_000L;
    private static final String[] QUEUES = {"ai", "workflows", "analytics", "email", "plugins", "system"};
    private static final String[] CODES = {"timeout", "upstream-down", "invalid-payload", "quota", "render", "smtp",
            "rate-limited", "crash"};

    @Inject
    DlqStore store;

    @Inject
    RetentionJob retention;

    @Inject
    RedisDataSource redis;

    @Inject
    Redis client;

    private final Map<String, String> scriptNames = scriptNames();
    private final List<String> slowScripts = new ArrayList<>();
    private SlowCommands slowCommands;

    @Test
    void noScriptHoldsRedisFor20MsAcrossTheOwnerApiOnALargeDlq() {
        int entries = Integer.getInteger("dlq.slowlog.entries", 150_000);
        long now = System.currentTimeMillis();
        long fill = System.nanoTime();
        insertAll(0, entries, now);
        System.out.printf("%nSLOWLOG: filled %,d entries in %.1f s (dlq-insert, batches of %d)%n", entries,
                (System.nanoTime() - fill) / 1e9, DlqStore.MAX_BATCH);
        slowCommands = SlowCommands.watch(RedisTestResource.server(), Long.getLong("dlq.slowlog.log-from-us", LIMIT_US));
        String owner = TestTokens.owner("slowlog");
        long oneReplay = count(DlqKeys.replays(), "1", "1");
        long ai = count(DlqKeys.byQueue("ai"), "-inf", "+inf");

        phase("ingest at the count bound (5,000 records)", () -> {
            for (int i = 0; i < 25; i++) {
                DlqInsertResult r = store.insert(records(entries + i * 200, 200, now),
                        redis.sortedSet(String.class).zcard(DlqKeys.all()), Duration.ofHours(50)).await()
                        .atMost(Duration.ofSeconds(30));
                assertThat(r.dropped()).isEqualTo(200);
            }
        });
        phase("analytics and trends", () -> {
            get(owner, "/owner/dlq/analytics");
            get(owner, "/owner/dlq/trends?hours=48");
        });
        phase("deepest pages (200 items)", () -> {
            long total = redis.sortedSet(String.class).zcard(DlqKeys.all());
            assertThat(get(owner, "/owner/dlq?pageSize=200&page=" + lastPage(total)).jsonPath()
                    .getList("data")).isNotEmpty();
            get(owner, "/owner/dlq?originalQueue=ai&pageSize=200&page=" + lastPage(ai));
            assertThat(get(owner, "/owner/dlq?minReplayCount=1&pageSize=200&page=" + lastPage(oneReplay))
                    .jsonPath().getList("data")).isNotEmpty();
            get(owner, "/owner/dlq?errorCode=quota&from=0&to=" + now + "&pageSize=200&page=" + lastPage(total / 8));
        });
        phase("filters and search (bounded scans)", () -> {
            get(owner, "/owner/dlq?originalQueue=ai&errorCode=quota&pageSize=50");
            get(owner, "/owner/dlq?search=probe-7&pageSize=50");
        });
        phase("export of one replay count", () -> {
            long expected = count(DlqKeys.replays(), "1", "+inf");
            String csv = get(owner, "/owner/dlq/export?minReplayCount=1").asString();
            assertThat(csv.split("\r\n", -1).length - 2).isEqualTo(expected);
        });
        phase("retention of the entries past max age", () -> {
            long old = count(DlqKeys.all(), "-inf", Long.toString(now - 30 * DAY));
            assertThat(old).isPositive();
            retention.applyOnce();
            assertThat(count(DlqKeys.all(), "-inf", Long.toString(now - 30 * DAY))).isZero();
        });
        phase("bulk delete of 1,000 ids", () -> {
            StringBuilder ids = new StringBuilder();
            for (int n = 1; n <= 1_000; n++) {
                ids.append(n == 1 ? "" : ",").append('"').append(id(n)).append('"');
            }
            given().auth().oauth2(owner).contentType("application/json").body("{\"ids\":[" + ids + "]}")
                    .post("/owner/dlq/bulk-delete").then().statusCode(200);
        });
        phase("clear of everything", () -> {
            String token = given().auth().oauth2(owner).contentType("application/json").body("{}")
                    .post("/owner/dlq/clear").then().statusCode(202).extract().path("token");
            Response r = given().auth().oauth2(owner).contentType("application/json").header("X-Confirm-Token", token)
                    .body("{}").post("/owner/dlq/clear");
            String task = r.path("task.taskId");
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                    get(owner, "/owner/dlq/clear/" + task).jsonPath().getString("state").equals("succeeded"));
            assertThat(redis.sortedSet(String.class).zcard(DlqKeys.all())).isZero();
        });

        assertThat(slowScripts).as("script calls of %d ms or more", LIMIT_US / 1000).isEmpty();
    }

    /** Runs one phase with the SLOWLOG reset before and read after; prints its Redis time and slowest scripts. */
    private void phase(String name, Runnable work) {
        slowCommands.reset();
        Map<String, long[]> before = commandStats();
        double cpuBefore = mainThreadCpuMs();
        long start = System.nanoTime();
        work.run();
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        Map<String, long[]> after = commandStats();
        double cpuMs = mainThreadCpuMs() - cpuBefore;
        long calls = 0;
        long usec = 0;
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            if (e.getKey().startsWith("eval")) {
                calls += e.getValue()[0] - b[0];
                usec += e.getValue()[1] - b[1];
            }
        }
        Map<String, long[]> slowest = new TreeMap<>();
        List<String> slow = new ArrayList<>();
        for (SlowCommands.Slow call : slowCommands.entries()) {
            long micros = call.micros();
            String command = call.command().toLowerCase();
            String what = command.startsWith("eval") && call.args().size() > 1
                    ? scriptNames.getOrDefault(call.args().get(1), "script " + call.args().get(1)) : command;
            long[] s = slowest.computeIfAbsent(what, k -> new long[2]);
            s[0]++;
            s[1] = Math.max(s[1], micros);
            if (command.startsWith("eval") && micros >= LIMIT_US) {
                slow.add(name + ": " + what + " " + micros + " us");
            }
        }
        // One lone call up to twice the limit is printed but tolerated: on these 2-core VMs a call in ~1,500 of a
        // phase whose mean is ~3 ms was logged at 25-40 ms, with Redis at real-time priority, and the same run
        // logged a 4-member ZREM at 28 ms, which is no command's own work. Two such calls in a phase, or one
        // beyond twice the limit, fail.
        boolean loneStall = slow.size() == 1 && slowest.values().stream().allMatch(x -> x[1] < 2 * LIMIT_US);
        if (loneStall) {
            System.out.printf("SLOWLOG:     tolerated as a lone stall: %s%n", slow.getFirst());
        } else {
            slowScripts.addAll(slow);
        }
        double cpuPerCall = calls == 0 ? 0 : cpuMs / calls;
        System.out.printf("SLOWLOG: %-40s wall %6d ms | scripts: %,6d calls, %,9.1f ms in Redis | Redis main thread "
                + "CPU %,9.1f ms (%.2f per script call) | real-time Redis %s%n", name, wallMs, calls, usec / 1000.0,
                cpuMs, cpuPerCall, slowCommands.realtime());
        slowest.forEach((what, s) -> System.out.printf("SLOWLOG:     %-28s logged %,6d  max %,8.2f ms%n", what, s[0],
                s[1] / 1000.0));
    }

    /** CPU time of Redis's main thread (user + system), from INFO cpu. */
    private double mainThreadCpuMs() {
        double seconds = 0;
        for (String line : send(Request.cmd(Command.INFO).arg("cpu")).toString().split("\r?\n")) {
            if (line.startsWith("used_cpu_sys_main_thread:") || line.startsWith("used_cpu_user_main_thread:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return seconds * 1000;
    }

    /** INFO commandstats: command → {calls, usec}. */
    private Map<String, long[]> commandStats() {
        Map<String, long[]> out = new HashMap<>();
        for (String line : send(Request.cmd(Command.INFO).arg("commandstats")).toString().split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String[] kv = line.substring(8).split("[:,]");
                out.put(kv[0], new long[]{Long.parseLong(kv[1].substring(6)), Long.parseLong(kv[2].substring(5))});
            }
        }
        return out;
    }

    private void insertAll(int from, int n, long now) {
        List<Uni<DlqInsertResult>> inFlight = new ArrayList<>();
        for (int i = from; i < from + n; i += 1_000) {
            inFlight.add(store.insert(records(i, Math.min(1_000, from + n - i), now), 0, Duration.ofHours(50)));
            if (inFlight.size() == 4) {
                Uni.join().all(inFlight).andFailFast().await().atMost(Duration.ofMinutes(2));
                inFlight.clear();
            }
        }
        if (!inFlight.isEmpty()) {
            Uni.join().all(inFlight).andFailFast().await().atMost(Duration.ofMinutes(2));
        }
    }

    /** One in three entries replayed once; one in twenty past the 30 days of max-age; the rest within 47 hours. */
    private static List<DlqRecord> records(int first, int n, long now) {
        List<DlqRecord> out = new ArrayList<>(n);
        for (int k = first; k < first + n; k++) {
            long at = k % 20 == 0 ? now - 31 * DAY - k : now - (long) (k % (47 * 3600)) * 1000;
            String queue = QUEUES[k % QUEUES.length];
            out.add(new DlqRecord(queue, id(k), queue + ".probe-" + (k % 3), "ProbeError",
                    "failed after " + (k % 1000) + " ms on probe-" + k, "", CODES[k % CODES.length], at, at, 3,
                    "{\"probe\":\"probe-" + k + "\"}", "t", "w", "a", k % 3 == 0 ? 1 : 0,
                    "failed after <n> ms on <id>"));
        }
        return out;
    }

    private static String id(int k) {
        return QUEUES[k % QUEUES.length] + "-" + (10_000_000 + k);
    }

    private static long lastPage(long total) {
        return Math.max(1, (total + 199) / 200);
    }

    private long count(String index, String min, String max) {
        return send(Request.cmd(Command.ZCOUNT).arg(index).arg(min).arg(max)).toLong();
    }

    private static Response get(String owner, String path) {
        Response r = given().auth().oauth2(owner).get(path);
        r.then().statusCode(200);
        return r;
    }

    private io.vertx.mutiny.redis.client.Response send(Request request) {
        return client.send(request).await().atMost(Duration.ofSeconds(30));
    }

    /** Script SHA → name, for the scripts this service runs. */
    private static Map<String, String> scriptNames() {
        Map<String, String> out = new HashMap<>();
        for (Class<?> holder : List.of(DlqCommands.class, Commands.class, SecurityCommands.class)) {
            for (Field f : holder.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == LuaScript.class) {
                    try {
                        LuaScript script = (LuaScript) f.get(null);
                        out.put(script.sha1(), script.name());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return out;
    }
}
