package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.testing.RedisTestResource;
import io.smallrye.mutiny.Uni;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measuring probe, not a test: off unless {@code -Ddlq.probe=true}. It needs the running service (HTTP, the
 * forwarder), hence a {@code @QuarkusTest} rather than a bare main. It fills the DLQ with {@code dlq.probe.entries}
 * (1,000,000) entries, then prints the latencies of analytics, trends and filtered pages over HTTP, and the ingest
 * rate of the real forwarder path (dead stream → store → XACK/XDEL). Numbers only; nothing asserts speed.
 *
 * <pre>./mvnw -B -o -pl dlq-service -am verify -Dtest=DlqLoadProbe -Ddlq.probe=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@EnabledIfSystemProperty(named = "dlq.probe", matches = "true")
class DlqLoadProbe {

    private static final String[] QUEUES = {"ai", "workflows", "analytics", "email", "plugins", "system"};
    private static final String[] CODES = {"timeout", "upstream-down", "invalid-payload", "quota", "render",
            "smtp", "rate-limited", "crash"};

    @Inject
    DlqStore store;

    @Inject
    RedisDataSource redis;

    @Inject
    io.vertx.mutiny.redis.client.Redis client;

    @Test
    void measure() {
        int entries = Integer.getInteger("dlq.probe.entries", 1_000_000);
        long start = System.nanoTime();
        fill(entries);
        double fillSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%nDLQ probe: stored %,d entries directly in %.1f s (%,.0f entries/s, batches of 200)%n",
                entries, fillSeconds, entries / fillSeconds);
        assertThat(redis.sortedSet(String.class).zcard(DlqKeys.all())).isGreaterThanOrEqualTo(entries);

        String owner = TestTokens.owner("probe");
        time("analytics", () -> given().auth().oauth2(owner).get("/owner/dlq/analytics").then().statusCode(200));
        time("trends 48h", () -> given().auth().oauth2(owner).get("/owner/dlq/trends?hours=48").then()
                .statusCode(200));
        time("trends 24h queue", () -> given().auth().oauth2(owner).get("/owner/dlq/trends?queueName=email").then()
                .statusCode(200));
        time("page: queue, 50", () -> given().auth().oauth2(owner)
                .get("/owner/dlq?originalQueue=ai&pageSize=50").then().statusCode(200));
        time("page: queue, 200, page 50", () -> given().auth().oauth2(owner)
                .get("/owner/dlq?originalQueue=ai&pageSize=200&page=50").then().statusCode(200));
        time("page: code + time range", () -> given().auth().oauth2(owner)
                .get("/owner/dlq?errorCode=quota&from=0&to=" + System.currentTimeMillis() + "&pageSize=50").then()
                .statusCode(200));
        time("page: queue + code (scan)", () -> given().auth().oauth2(owner)
                .get("/owner/dlq?originalQueue=ai&errorCode=quota&pageSize=50").then().statusCode(200));
        time("page: search (scan 5,000)", () -> given().auth().oauth2(owner)
                .get("/owner/dlq?search=probe-777&pageSize=50").then().statusCode(200));

        int forwarded = Integer.getInteger("dlq.probe.forwarded", 60_000);
        start = System.nanoTime();
        handOff(forwarded);
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.currentTimeMillis() + 300_000;
        while (deadLength() > 0 && System.currentTimeMillis() < deadline) {
            sleep();
        }
        double forwardSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("DLQ probe: forwarder ingested %,d dead-stream records (6 queues) in %.1f s from the first "
                + "XADD (%,.0f jobs/s; writing them took %.1f s of that, pipelined)%n%n", forwarded, forwardSeconds,
                forwarded / forwardSeconds, writeSeconds);
    }

    private void fill(int entries) {
        long now = System.currentTimeMillis();
        int batch = 200;
        List<Uni<io.streamq.core.store.DlqInsertResult>> inFlight = new ArrayList<>();
        for (int i = 0; i < entries; i += batch) {
            List<DlqRecord> records = new ArrayList<>(batch);
            for (int j = i; j < Math.min(entries, i + batch); j++) {
                records.add(record(j, now - (long) (j % (47 * 3600)) * 1000));
            }
            inFlight.add(store.insert(records, 0, Duration.ofHours(50)));
            if (inFlight.size() == 8) {
                Uni.join().all(inFlight).andFailFast().await().atMost(Duration.ofMinutes(1));
                inFlight.clear();
            }
        }
        if (!inFlight.isEmpty()) {
            Uni.join().all(inFlight).andFailFast().await().atMost(Duration.ofMinutes(1));
        }
    }

    private static DlqRecord record(int n, long lastFailedAt) {
        String queue = QUEUES[n % QUEUES.length];
        String code = CODES[n % CODES.length];
        return new DlqRecord(queue, queue + "-" + (10_000_000 + n), queue + ".probe-" + (n % 3), "ProbeError",
                "failed after " + (n % 1000) + " ms on probe-" + n, "", code, lastFailedAt, lastFailedAt, 3,
                "{\"probe\":\"probe-" + n + "\"}", "t", "w", "a", n % 7 == 0 ? n % 6 : 0,
                "failed after <n> ms on <id>");
    }

    /** Writes the hand-off records pipelined (1,000 XADDs per round trip), as fast as workers could. */
    private void handOff(int n) {
        long now = System.currentTimeMillis();
        List<io.vertx.mutiny.redis.client.Request> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String queue = QUEUES[i % QUEUES.length];
            io.vertx.mutiny.redis.client.Request xadd = io.vertx.mutiny.redis.client.Request
                    .cmd(io.vertx.mutiny.redis.client.Command.XADD)
                    .arg(QueueKeys.of(QueueName.fromWire(queue).orElseThrow()).deadStream()).arg("*");
            Map<String, String> f = new java.util.LinkedHashMap<>();
            f.put("type", "dlq.record-failure");
            f.put("originalQueue", queue);
            f.put("originalJobId", queue + "-" + (50_000_000 + i));
            f.put("originalJobName", queue + ".forwarded");
            f.put("errorName", "E");
            f.put("errorMessage", "forwarded " + i);
            f.put("errorStack", "");
            f.put("errorCode", "forwarded");
            f.put("firstFailedAt", Long.toString(now));
            f.put("lastFailedAt", Long.toString(now));
            f.put("attemptsMade", "3");
            f.put("payload", "{}");
            f.put("replayCount", "0");
            f.forEach((k, v) -> xadd.arg(k).arg(v));
            batch.add(xadd);
            if (batch.size() == 1000) {
                client.batch(batch).await().atMost(Duration.ofSeconds(30));
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            client.batch(batch).await().atMost(Duration.ofSeconds(30));
        }
    }

    private long deadLength() {
        return Arrays.stream(QUEUES).mapToLong(q -> redis.stream(String.class)
                .xlen(QueueKeys.of(QueueName.fromWire(q).orElseThrow()).deadStream())).sum();
    }

    private static void time(String label, Runnable call) {
        call.run(); // warm-up
        long[] ms = new long[20];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("DLQ probe: %-28s p50 %4d ms  p95 %4d ms  max %4d ms (HTTP round trip, 20 calls)%n", label,
                ms[10], ms[18], ms[19]);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
