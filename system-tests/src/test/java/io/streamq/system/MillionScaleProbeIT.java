package io.streamq.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.ServiceApp;
import io.streamq.testing.SlowCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A measuring probe, off unless {@code -Dscale.probe=true} (CI does not run it; the services' own SLOWLOG tests run
 * the same calls on smaller data there): a Redis holding {@code scale.jobs} (1,000,000) waiting jobs, 100,000 delayed
 * ones, 200,000 completed ones and {@code scale.dead} (1,000,000) dead letters, then a run of the owner API (monitor
 * and DLQ: lists at depth, cursors, searches, details, removals, pause, purge, analytics, trends, export, replay, bulk
 * delete, a clear) while a worker processes 50,000 more jobs. Every script call must stay under 20 ms inside Redis:
 * the SLOWLOG, at a 20 ms threshold, must stay empty through the run. It prints what it did and Redis's figures.
 *
 * <pre>./mvnw -B -pl system-tests verify -Dit.test=MillionScaleProbeIT -Dscale.probe=true</pre>
 * (after packaging the services: {@code ./mvnw -B -DskipTests package}).
 */
@EnabledIfSystemProperty(named = "scale.probe", matches = "true")
class MillionScaleProbeIT {

    private static final int JOBS = Integer.getInteger("scale.jobs", 1_000_000);
    private static final int DEAD = Integer.getInteger("scale.dead", 1_000_000);
    private static final int DELAYED = 100_000;
    private static final int COMPLETED = 200_000;
    private static final int DURING_RUN = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> timings = new LinkedHashMap<>();

    @Test
    void everyScriptStaysUnderTwentyMillisecondsAtAMillionJobsAndDeadLetters() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("STREAMQ_WORKER_QUEUES", "system");
        settings.put("STREAMQ_QUEUE_SYSTEM_REMOVE_COMPLETED_KEEP_LAST", Integer.toString(COMPLETED));
        settings.put("STREAMQ_QUEUE_SYSTEM_REMOVE_COMPLETED_KEEP_FOR", "P1D");
        settings.put("STREAMQ_DLQ_RETENTION_MAX_ENTRIES", Integer.toString(2 * DEAD));
        for (String group : List.of("READS", "MUTATIONS", "EXPORTS")) {
            settings.put("STREAMQ_SECURITY_RATE_LIMIT_" + group + "_PER_IP", "0");
            settings.put("STREAMQ_SECURITY_RATE_LIMIT_" + group + "_PER_USER", "0");
        }
        try (Platform platform = new Platform("million-scale", settings)) {
            RedisTestServer redis = platform.redis();
            ServiceApp dlq = platform.startService("dlq-service");
            ServiceApp monitor = platform.startService("monitor-service");

            timed("load: " + JOBS + " waiting workflow jobs", () -> enqueueInParallel(platform, "workflow.start-run",
                    JSON.createObjectNode().put("workflowId", "wf-onboarding"), JOBS, 0));
            ObjectNode event = JSON.createObjectNode().put("event", "signup.completed")
                    .put("occurredAt", Instant.now().toString());
            timed("load: " + DELAYED + " delayed analytics jobs", () -> enqueueInParallel(platform,
                    "analytics.track-event", event, DELAYED, Duration.ofDays(1).toMillis()));
            timed("load: " + DEAD + " dead letters through the forwarder", () -> {
                DeadLetterLoad.write(redis.port(), DEAD, platform.redisTimeMs(), workDir());
                await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> Long.parseLong(redis.command("ZCARD", DlqKeys.all())) >= DEAD);
            });
            timed("load: " + COMPLETED + " system jobs completed by a worker", () -> {
                enqueueInParallel(platform, "system.health-check", JSON.createObjectNode(), COMPLETED, 0);
                platform.startWorker("worker");
                awaitCompleted(redis, COMPLETED);
            });
            System.out.printf("[scale] Redis used_memory after loading: %s%n", info(redis, "memory", "used_memory_human"));

            SlowCommands slowCommands = SlowCommands.watch(redis, 20_000);
            redis.command("CONFIG", "RESETSTAT");

            ExecutorService background = Executors.newSingleThreadExecutor();
            Future<?> worker = background.submit(() -> enqueueInParallel(platform, "system.health-check",
                    JSON.createObjectNode(), DURING_RUN, 0));
            ownerRunOfTheMonitor(platform, monitor);
            ownerRunOfTheDlq(platform, dlq);
            worker.get();
            awaitCompleted(redis, COMPLETED + DURING_RUN);
            background.shutdown();

            List<SlowCommands.Slow> slow = slowCommands.entries();
            timings.forEach((what, ms) -> System.out.printf("[scale] %-70s %,8d ms%n", what, ms));
            System.out.printf("[scale] commandstats:%n%s%n", info(redis, "commandstats", null));
            System.out.printf("[scale] SLOWLOG (>= 20 ms, real-time Redis %s): %s%n", slowCommands.realtime(),
                    slow.isEmpty() ? "empty" : slow);
            assertThat(slow).as("SLOWLOG at a 20 ms threshold").isEmpty();
        }
    }

    private void ownerRunOfTheMonitor(Platform p, ServiceApp monitor) {
        timed("GET /owner/queues", () -> p.call(monitor, "GET", "/owner/queues", null, Map.of(), 200));
        timed("GET /owner/queues/metrics", () -> p.call(monitor, "GET", "/owner/queues/metrics", null, Map.of(), 200));
        timed("GET /owner/queues/health", () -> p.call(monitor, "GET", "/owner/queues/health", null, Map.of(), 200));
        String jobs = "/owner/queues/workflows/jobs";
        JsonNode first = timed("waiting, page 1", () -> p.call(monitor, "GET", jobs + "?pageSize=100", null,
                Map.of(), 200));
        timed("waiting, deepest numbered page", () -> p.call(monitor, "GET", jobs + "?page=20&pageSize=100", null,
                Map.of(), 200));
        timed("waiting, 100 pages by cursor", () -> {
            String cursor = first.get("nextCursor").asText();
            for (int i = 0; i < 100; i++) {
                cursor = p.call(monitor, "GET", jobs + "?pageSize=100&cursor=" + cursor, null, Map.of(), 200)
                        .get("nextCursor").asText();
            }
        });
        timed("waiting, search", () -> p.call(monitor, "GET", jobs + "?search=onboarding-x", null, Map.of(), 200));
        timed("delayed, page 4,000 of 25", () -> p.call(monitor, "GET",
                "/owner/queues/analytics/jobs?state=delayed&page=4000&pageSize=25", null, Map.of(), 200));
        timed("completed, page 1,900 of 100", () -> p.call(monitor, "GET",
                "/owner/queues/system/jobs?state=completed&page=1900&pageSize=100", null, Map.of(), 200));
        List<String> ids = new ArrayList<>();
        first.get("data").forEach(j -> ids.add(j.get("id").asText()));
        timed("job detail", () -> p.call(monitor, "GET", jobs + "/" + ids.getFirst(), null, Map.of(), 200));
        timed("remove one waiting job", () -> p.call(monitor, "POST", jobs + "/" + ids.getFirst() + "/remove", null,
                Map.of(), 200));
        timed("bulk-remove 99 waiting jobs", () -> p.call(monitor, "POST", jobs + "/bulk-remove",
                JSON.createObjectNode().set("ids", JSON.valueToTree(ids.subList(1, ids.size()))).toString(),
                Map.of(), 200));
        timed("pause and resume", () -> {
            p.call(monitor, "POST", "/owner/queues/workflows/pause", null, Map.of(), 200);
            p.call(monitor, "POST", "/owner/queues/workflows/resume", null, Map.of(), 200);
        });
        timed("purge the 100,000 delayed analytics jobs", () -> {
            String body = "{\"queue\":\"analytics\"}";
            String token = p.call(monitor, "POST", "/owner/queues/purge", body, Map.of(), 202).get("token").asText();
            p.call(monitor, "POST", "/owner/queues/purge", body, Map.of("X-Confirm-Token", token), 200);
        });
    }

    private void ownerRunOfTheDlq(Platform p, ServiceApp dlq) {
        JsonNode newest = timed("DLQ page 1", () -> p.call(dlq, "GET", "/owner/dlq?pageSize=200", null, Map.of(),
                200));
        timed("DLQ page 4,999 of 200 (offset ~1M)", () -> p.call(dlq, "GET", "/owner/dlq?page=4999&pageSize=200",
                null, Map.of(), 200));
        timed("DLQ by queue, deep", () -> p.call(dlq, "GET", "/owner/dlq?originalQueue=ai&page=800&pageSize=200",
                null, Map.of(), 200));
        timed("DLQ by error code", () -> p.call(dlq, "GET", "/owner/dlq?errorCode=timeout&page=500", null,
                Map.of(), 200));
        timed("DLQ by queue and error code", () -> p.call(dlq, "GET", "/owner/dlq?originalQueue=ai&errorCode=quota-exceeded",
                null, Map.of(), 200));
        timed("DLQ by replay count", () -> p.call(dlq, "GET", "/owner/dlq?minReplayCount=1&page=40", null, Map.of(),
                200));
        timed("DLQ search", () -> p.call(dlq, "GET", "/owner/dlq?search=c-4242", null, Map.of(), 200));
        timed("DLQ analytics", () -> p.call(dlq, "GET", "/owner/dlq/analytics", null, Map.of(), 200));
        timed("DLQ trends, 48 h", () -> p.call(dlq, "GET", "/owner/dlq/trends?hours=48", null, Map.of(), 200));
        timed("DLQ export of one queue (~166,000 rows)", () -> {
            HttpResponse<String> csv = p.send(dlq, "GET", "/owner/dlq/export?originalQueue=email", null, Map.of());
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.body().lines().count()).isGreaterThan(DEAD / 6);
        });
        String id = newest.get("data").get(0).get("id").asText();
        timed("DLQ replay one entry", () -> p.call(dlq, "POST", "/owner/dlq/" + id + "/replay", null, Map.of(), 200));
        JsonNode page = p.call(dlq, "GET", "/owner/dlq?originalQueue=plugins&pageSize=200", null, Map.of(), 200);
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(e -> ids.add(e.get("id").asText()));
        timed("DLQ bulk-delete 200", () -> p.call(dlq, "POST", "/owner/dlq/bulk-delete",
                JSON.createObjectNode().set("ids", JSON.valueToTree(ids)).toString(), Map.of(), 200));
        timed("DLQ clear of one queue (~166,000 entries), to its end", () -> {
            String body = "{\"originalQueue\":\"system\"}";
            String token = p.call(dlq, "POST", "/owner/dlq/clear", body, Map.of(), 202).get("token").asText();
            HttpResponse<String> started = p.send(dlq, "POST", "/owner/dlq/clear", body,
                    Map.of("X-Confirm-Token", token));
            String taskId = read(started.body()).get("task").get("taskId").asText();
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> !"running".equals(
                    p.call(dlq, "GET", "/owner/dlq/clear/" + taskId, null, Map.of(), 200).get("state").asText()));
            assertThat(p.call(dlq, "GET", "/owner/dlq/clear/" + taskId, null, Map.of(), 200).get("state").asText())
                    .isEqualTo("succeeded");
        });
    }

    private static void enqueueInParallel(Platform platform, String type, JsonNode payload, int count, long delayMs) {
        int batch = 1_000;
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int sent = 0; sent < count; sent += batch) {
                int n = Math.min(batch, count - sent);
                calls.add(clients.submit(() -> platform.enqueue(type, payload, n, delayMs)));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            clients.shutdown();
        }
    }

    private static void awaitCompleted(RedisTestServer redis, long total) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String done = redis.command("HGET", QueueKeys.of(QueueName.SYSTEM).counts(), "total:completed");
            return done != null && Long.parseLong(done) >= total;
        });
    }

    private static String info(RedisTestServer redis, String section, String field) {
        String text = redis.command("INFO", section);
        if (field == null) {
            return text.lines().filter(l -> l.startsWith("cmdstat_")).reduce("", (a, b) -> a + "  " + b + "\n");
        }
        return text.lines().filter(l -> l.startsWith(field + ":")).findFirst().orElse("?");
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    private static Path workDir() {
        return Path.of(System.getProperty("streamq.system.work", "target")).toAbsolutePath().resolve("million-scale");
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private interface VoidStep {
        void run() throws Exception;
    }

    private <T> T timed(String what, Step<T> step) {
        long start = System.nanoTime();
        try {
            return step.run();
        } catch (Exception e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        } finally {
            timings.put(what, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void timed(String what, VoidStep step) {
        timed(what, () -> {
            step.run();
            return null;
        });
    }
}
