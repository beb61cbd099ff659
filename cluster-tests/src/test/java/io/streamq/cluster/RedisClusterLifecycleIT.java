package io.streamq.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.streamq.testing.RedisSubscriber;
import io.streamq.testing.RedisTestCluster;
import io.streamq.testing.ServiceApp;
import io.streamq.testing.TestKey;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged producer, worker, dlq and monitor services against a real three-master Redis Cluster, switched to
 * cluster mode by configuration alone ({@code QUARKUS_REDIS_CLIENT_TYPE=cluster}, {@code QUARKUS_REDIS_HOSTS}).
 * The whole lifecycle runs over HTTP: a job on every queue, completion, retry, dead-letter, replay, metrics; then
 * the keys are checked to sit on more than one master and every service log is checked for cross-slot errors.
 * Tests run in order, each building on the state the previous left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterLifecycleIT {

    private static final ObjectMapper JSON = ClusterHttp.JSON;
    private static final Duration JOB_WAIT = Duration.ofSeconds(60);
    private static final List<String> WORK_QUEUES = List.of("ai", "workflows", "analytics", "email", "plugins", "system");
    /** Redis cross-slot refusals, server ("CROSSSLOT", "non local key") and client side ("Cross slot"), and error replies. */
    private static final Pattern CLUSTER_ERROR = Pattern.compile(
            "CROSSSLOT|Cross slot|cross slot|non local key|non-local key|\\bERR\\b|\\bMOVED\\b|\\bASK\\b|CLUSTERDOWN|TRYAGAIN");

    private final List<ServiceApp> services = new ArrayList<>();
    private final AtomicInteger retryHits = new AtomicInteger();
    private final AtomicBoolean deadHookHealed = new AtomicBoolean();
    private final AtomicInteger deadHits = new AtomicInteger();
    /** job id → its queue and final state, as the test observed them. */
    private final Map<String, String[]> outcomes = new LinkedHashMap<>();

    private RedisTestCluster cluster;
    private RedisSubscriber tap;
    private HttpServer hookServer;
    private ServiceApp producer;
    private ServiceApp dlq;
    private ServiceApp monitor;
    private ClusterHttp api;
    private String retryJobId;
    private String deadJobId;

    @BeforeAll
    void startEverything() throws Exception {
        Path repo = Path.of(System.getProperty("streamq.repo.root", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("streamq.cluster.work", "target")).toAbsolutePath();
        Path logs = work.resolve("service-logs");
        Path apps = work.resolve("apps");
        Files.createDirectories(logs);
        api = new ClusterHttp(TestKey.shared().signer().sign(TestTokens.ISSUER, "cluster-it",
                List.of("producer", "OWNER"), Map.of("tenant", "tenant-a", "workspace", "ws-1"), Duration.ofHours(1)));

        cluster = RedisTestCluster.start();
        // Subscribed on the first master only: events published by scripts on the other masters must reach it.
        tap = new RedisSubscriber(cluster.ports().getFirst(), "rt:queue:events", "rt:dlq:events");

        hookServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hookServer.createContext("/retry", exchange -> {
            exchange.getRequestBody().readAllBytes();
            // 500 on the first call (retryable), 200 after.
            exchange.sendResponseHeaders(retryHits.incrementAndGet() == 1 ? 500 : 200, -1);
            exchange.close();
        });
        hookServer.createContext("/dead", exchange -> {
            exchange.getRequestBody().readAllBytes();
            deadHits.incrementAndGet();
            // 410 (not retryable: straight to the DLQ) until the test heals the destination.
            exchange.sendResponseHeaders(deadHookHealed.get() ? 200 : 410, -1);
            exchange.close();
        });
        hookServer.start();

        Map<String, String> env = ServiceApp.baseEnv(cluster.hosts(), TestKey.shared().publicPemFile(),
                TestTokens.ISSUER);
        env.put("QUARKUS_REDIS_CLIENT_TYPE", "cluster");
        for (String q : WORK_QUEUES) {
            String p = "STREAMQ_QUEUE_" + q.toUpperCase() + "_";
            env.put(p + "ATTEMPTS", "2");
            env.put(p + "BACKOFF_TYPE", "fixed");
            env.put(p + "BACKOFF_DELAY", "PT0.1S");
        }
        env.put("STREAMQ_MONITOR_REFRESH_EVERY", "1s");
        env.put("STREAMQ_MONITOR_STATS_TTL", "1s");
        env.put("STREAMQ_MONITOR_HEALTH_TTL", "1s");
        env.put("STREAMQ_MONITOR_THROUGHPUT_TTL", "1s");

        api.startReady(services, repo, List.of("producer-service", "worker-service", "dlq-service", "monitor-service"),
                env, logs, apps);
        Map<String, String> digests = new TreeMap<>();
        for (ServiceApp s : services) {
            digests.put(s.name(), s.libDigest("io.streamq.queue-core-"));
        }
        assertThat(new TreeSet<>(digests.values())).as("every service packaged with the same queue-core " + digests
                + "; repackage them together: ./mvnw -DskipTests package -pl producer-service,worker-service,"
                + "dlq-service,monitor-service -am").hasSize(1);
        producer = services.get(0);
        dlq = services.get(2);
        monitor = services.get(3);
    }

    @AfterAll
    void stopEverything() {
        ClusterHttp.stopAll(services);
        if (hookServer != null) {
            hookServer.stop(0);
        }
        if (tap != null) {
            try {
                tap.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    @Order(1)
    void clusterHasThreeMastersAndTheQueuesSpreadOverThem() {
        assertThat(cluster.nodeUris()).hasSize(3);
        for (int port : cluster.ports()) {
            assertThat(cluster.command(port, "CLUSTER", "INFO")).contains("cluster_state:ok");
            assertThat(cluster.mastersWithSlots(port)).hasSize(3);
        }
        Set<Integer> owners = new TreeSet<>();
        for (String q : WORK_QUEUES) {
            owners.add(cluster.portOfKey("q:{" + q + "}:stream"));
        }
        assertThat(owners).as("masters that own the work queues' slots").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(2)
    void everyQueueRunsItsJobsToTheEnd() throws Exception {
        String hook = "http://127.0.0.1:" + hookServer.getAddress().getPort();
        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put(enqueue("system.health-check", "{\"probe\":\"cluster-it\"}"), "completed");
        jobs.put(enqueue("system.refresh-stats", "{\"queue\":\"ai\"}"), null);
        jobs.put(enqueue("system.cleanup", "{\"olderThanHours\":1}"), null);
        retryJobId = enqueue("plugin.execute-hook", hookBody(hook + "/retry"));
        jobs.put(retryJobId, "completed");
        deadJobId = enqueue("plugin.execute-hook", hookBody(hook + "/dead"));
        jobs.put(deadJobId, "failed");
        jobs.put(enqueue("ai.generate-text", "{\"prompt\":\"hi\",\"model\":\"test-model\",\"maxTokens\":16}"), null);
        jobs.put(enqueue("workflow.start-run", "{\"workflowId\":\"wf-1\",\"input\":{\"a\":1}}"), null);
        jobs.put(enqueue("email.send-transactional",
                "{\"to\":\"someone@example.com\",\"template\":\"welcome\",\"variables\":{\"n\":\"x\"}}"), null);
        jobs.put(enqueue("analytics.track-event",
                "{\"event\":\"signup\",\"properties\":{\"plan\":\"free\"},\"occurredAt\":\"" + Instant.now() + "\"}"), null);
        jobs.put(enqueue("analytics.aggregate-daily",
                "{\"date\":\"" + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "\"}"), null);

        for (Map.Entry<String, String> job : jobs.entrySet()) {
            JsonNode j = awaitTerminal(job.getKey());
            String state = j.path("state").asText();
            outcomes.put(job.getKey(), new String[] {j.path("queue").asText(), state});
            if (job.getValue() != null) {
                assertThat(state).as(job.getKey() + ": " + j).isEqualTo(job.getValue());
            }
            if ("failed".equals(state)) {
                // Failed for good: handed off across slots ({Q} -> {dlq}) and stored by dlq-service.
                JsonNode entry = awaitDlqEntry(job.getKey());
                assertThat(entry.path("originalQueue").asText()).isEqualTo(j.path("queue").asText());
            }
        }
        System.out.println("[cluster-it] outcomes: " + describe(outcomes));

        Set<String> queuesSeen = new TreeSet<>();
        outcomes.values().forEach(o -> queuesSeen.add(o[0]));
        assertThat(queuesSeen).containsExactlyInAnyOrderElementsOf(WORK_QUEUES);

        JsonNode retried = getOk(producer, "/v1/jobs/" + retryJobId);
        assertThat(retried.path("attempts").asInt()).as("500 then 200: one retry").isEqualTo(2);
        assertThat(retryHits.get()).isEqualTo(2);

        JsonNode dead = getOk(producer, "/v1/jobs/" + deadJobId);
        assertThat(dead.path("attempts").asInt()).as("410 is not retried").isEqualTo(1);
        assertThat(dead.path("lastError").path("code").asText()).isEqualTo("http-client-error");

        JsonNode list = getOk(dlq, "/owner/dlq?pageSize=200");
        long failed = outcomes.values().stream().filter(o -> "failed".equals(o[1])).count();
        assertThat(list.path("total").asLong()).as(list.toString()).isEqualTo(failed);
        List<String> listed = new ArrayList<>();
        list.path("data").forEach(e -> listed.add(e.path("id").asText()));
        assertThat(listed).contains(deadJobId);
    }

    @Test
    @Order(3)
    void aReplayedDeadJobCompletes() throws Exception {
        assertThat(deadJobId).isNotNull();
        deadHookHealed.set(true);
        HttpResponse<String> r = api.post(dlq, "/owner/dlq/" + deadJobId + "/replay", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(r.body());
        assertThat(result.path("replayed").asBoolean()).isTrue();
        assertThat(result.path("originalQueue").asText()).isEqualTo("plugins");
        assertThat(result.path("replayCount").asInt()).isEqualTo(1);

        JsonNode job = awaitState(deadJobId, "completed");
        assertThat(job.path("queue").asText()).isEqualTo("plugins");
        outcomes.put(deadJobId, new String[] {"plugins", "completed"});

        JsonNode entry = getOk(dlq, "/owner/dlq/" + deadJobId);
        assertThat(entry.path("replayCount").asInt()).isEqualTo(1);
        assertThat(entry.path("isReplayed").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void monitorMetricsMatchWhatHappened() throws Exception {
        // Expected lifetime totals per queue from what the test observed; the replayed job failed once, then completed.
        Map<String, long[]> expected = new TreeMap<>(); // queue -> {completed, failed, dlqEntries}
        for (String q : WORK_QUEUES) {
            expected.put(q, new long[3]);
        }
        for (Map.Entry<String, String[]> o : outcomes.entrySet()) {
            long[] e = expected.get(o.getValue()[0]);
            if ("completed".equals(o.getValue()[1])) {
                e[0]++;
            } else {
                e[1]++;
                e[2]++;
            }
        }
        expected.get("plugins")[1]++; // the dead hook's first life
        expected.get("plugins")[2]++; // its DLQ entry stays, marked replayed

        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        Map<String, String> last = new TreeMap<>();
        boolean match = false;
        while (!match && System.nanoTime() < deadline) {
            JsonNode all = getOk(monitor, "/owner/queues/metrics");
            last.clear();
            match = true;
            for (JsonNode m : all) {
                String q = m.path("queue").asText();
                long[] e = expected.get(q);
                if (e == null) {
                    continue;
                }
                long[] got = {m.path("lifetimeCompleted").asLong(), m.path("lifetimeFailed").asLong(),
                        m.path("dlqEntries").asLong()};
                last.put(q, "completed=" + got[0] + " failed=" + got[1] + " dlq=" + got[2] + " retried="
                        + m.path("retried").asLong() + " deadPending=" + m.path("deadPending").asLong()
                        + " waiting=" + m.path("counts").path("waiting").asLong()
                        + " active=" + m.path("counts").path("active").asLong());
                match &= got[0] == e[0] && got[1] == e[1] && got[2] == e[2]
                        && m.path("deadPending").asLong() == 0
                        && m.path("counts").path("waiting").asLong() == 0
                        && m.path("counts").path("active").asLong() == 0
                        && (!"plugins".equals(q) || m.path("retried").asLong() >= 1);
            }
            match &= last.size() == WORK_QUEUES.size();
            if (!match) {
                Thread.sleep(500);
            }
        }
        Map<String, String> want = new TreeMap<>();
        expected.forEach((q, e) -> want.put(q, "completed=" + e[0] + " failed=" + e[1] + " dlq=" + e[2]));
        System.out.println("[cluster-it] metrics: " + last);
        assertThat(match).as("monitor metrics " + last + " match " + want).isTrue();
    }

    @Test
    @Order(5)
    void keysOfTheQueuesLiveOnTheirSlotOwnersOnAtLeastTwoMasters() {
        Pattern tag = Pattern.compile("\\{([^}]+)}");
        Map<Integer, Set<String>> queuesByNode = new TreeMap<>();
        Map<String, Set<String>> tagsByNode = new TreeMap<>();
        for (int port : cluster.ports()) {
            for (String key : cluster.keysOn(port)) {
                Matcher m = tag.matcher(key);
                assertThat(m.find()).as("every key carries a hash tag: " + key).isTrue();
                // A node only holds keys of its own slots (a non-local write would have been refused anyway).
                assertThat(cluster.portOfKey(key)).as(key).isEqualTo(port);
                tagsByNode.computeIfAbsent(port + "", p -> new TreeSet<>()).add(m.group(1));
                if (WORK_QUEUES.contains(m.group(1))) {
                    queuesByNode.computeIfAbsent(port, p -> new TreeSet<>()).add(m.group(1));
                }
            }
        }
        System.out.println("[cluster-it] hash tags by node: " + tagsByNode);
        Set<String> queuesWithKeys = new TreeSet<>();
        queuesByNode.values().forEach(queuesWithKeys::addAll);
        assertThat(queuesWithKeys).containsExactlyInAnyOrderElementsOf(WORK_QUEUES);
        assertThat(queuesByNode.keySet()).as("masters holding queue keys: " + queuesByNode).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(6)
    void eventsPublishedOnEveryMasterReachASubscriberOnOne() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Set<String> queues = new TreeSet<>();
        boolean dlqEvent = false;
        while (System.nanoTime() < deadline) {
            queues.clear();
            dlqEvent = false;
            for (String m : tap.messages) {
                int sp = m.indexOf(' ');
                String channel = m.substring(0, sp);
                JsonNode body = JSON.readTree(m.substring(sp + 1));
                if ("rt:queue:events".equals(channel)) {
                    queues.add(body.path("queue").asText());
                } else if ("rt:dlq:events".equals(channel)) {
                    dlqEvent = true;
                }
            }
            if (queues.containsAll(WORK_QUEUES) && dlqEvent) {
                break;
            }
            Thread.sleep(200);
        }
        Set<Integer> owners = new TreeSet<>();
        WORK_QUEUES.forEach(q -> owners.add(cluster.portOfKey("q:{" + q + "}:stream")));
        assertThat(owners).as("some queue is owned by a master other than the subscriber's")
                .anyMatch(p -> p != cluster.ports().getFirst());
        assertThat(queues).as("queues seen on rt:queue:events").containsAll(WORK_QUEUES);
        assertThat(dlqEvent).as("an rt:dlq:events message").isTrue();
    }

    @Test
    @Order(7)
    void noNodeAnsweredACrossSlotOrOtherError() {
        // What ErrorReplies tolerates is printed; anything else fails.
        Map<Integer, List<String>> errors = new TreeMap<>();
        for (int port : cluster.ports()) {
            List<String> stats = ErrorReplies.of(cluster, port);
            System.out.println("[cluster-it] node " + port + " errorstats " + stats + " commands with rejected/failed calls "
                    + cluster.command(port, "INFO", "commandstats").lines()
                            .filter(l -> l.matches(".*(rejected_calls|failed_calls)=[1-9].*")).toList());
            List<String> bad = ErrorReplies.intolerable(stats);
            if (!bad.isEmpty()) {
                errors.put(port, bad);
            }
        }
        assertThat(errors).as("error replies by node (INFO errorstats)").isEmpty();

        // Control: the counter does see a cross-slot script on this Redis, so the empty result above means something.
        int port = cluster.ports().getFirst();
        try {
            cluster.command(port, "EVAL", "return 1", "2", "x:{ai}", "x:{system}");
        } catch (IllegalStateException expected) {
            assertThat(expected.getMessage()).contains("CROSSSLOT");
        }
        assertThat(ErrorReplies.of(cluster, port)).anyMatch(l -> l.startsWith("errorstat_CROSSSLOT:count=1"));
        cluster.command(port, "CONFIG", "RESETSTAT");
    }

    @Test
    @Order(8)
    void noServiceLoggedACrossSlotOrRedisError() throws IOException {
        for (ServiceApp s : services) {
            assertThat(s.alive()).as(s.name() + " still running").isTrue();
        }
        List<String> hits = new ArrayList<>();
        for (ServiceApp s : services) {
            List<String> lines = Files.readAllLines(s.log());
            for (String line : lines) {
                if (CLUSTER_ERROR.matcher(line).find()) {
                    hits.add(s.name() + ": " + abbreviate(line));
                }
            }
        }
        assertThat(hits).as("cross-slot / Redis error lines in the service logs").isEmpty();

        List<String> errorLevel = new ArrayList<>();
        for (ServiceApp s : services) {
            for (String line : Files.readAllLines(s.log())) {
                if (line.matches("^\\S+ \\S+ ERROR .*")) {
                    errorLevel.add(s.name() + ": " + abbreviate(line));
                }
            }
        }
        assertThat(errorLevel).as("ERROR-level lines in the service logs").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static String hookBody(String url) {
        return "{\"pluginId\":\"acme.crm-sync\",\"hook\":\"contact.created\",\"url\":\"" + url
                + "\",\"body\":{\"contactId\":\"c-1\"}}";
    }

    private String enqueue(String name, String payload) throws Exception {
        HttpResponse<String> r = api.post(producer, "/v1/jobs",
                "{\"name\":\"" + name + "\",\"payload\":" + payload + "}");
        assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private JsonNode awaitTerminal(String id) throws Exception {
        long deadline = System.nanoTime() + JOB_WAIT.toNanos();
        JsonNode j = null;
        while (System.nanoTime() < deadline) {
            j = getOk(producer, "/v1/jobs/" + id);
            String state = j.path("state").asText();
            if ("completed".equals(state) || "failed".equals(state)) {
                return j;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(id + " did not finish within " + JOB_WAIT + ": " + j);
    }

    private JsonNode awaitState(String id, String wanted) throws Exception {
        long deadline = System.nanoTime() + JOB_WAIT.toNanos();
        JsonNode j = null;
        while (System.nanoTime() < deadline) {
            j = getOk(producer, "/v1/jobs/" + id);
            if (wanted.equals(j.path("state").asText())) {
                return j;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(id + " did not reach " + wanted + " within " + JOB_WAIT + ": " + j);
    }

    private JsonNode awaitDlqEntry(String id) throws Exception {
        long deadline = System.nanoTime() + JOB_WAIT.toNanos();
        HttpResponse<String> r = null;
        while (System.nanoTime() < deadline) {
            r = get(dlq, "/owner/dlq/" + id);
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
            Thread.sleep(200);
        }
        throw new AssertionError(id + " did not reach the DLQ within " + JOB_WAIT + ": " + r.body());
    }

    private JsonNode getOk(ServiceApp service, String path) throws Exception {
        return api.getOk(service, path);
    }

    private HttpResponse<String> get(ServiceApp service, String path) throws Exception {
        return api.get(service, path);
    }

    private static String describe(Map<String, String[]> outcomes) {
        StringBuilder b = new StringBuilder();
        outcomes.forEach((id, o) -> b.append(id).append('=').append(o[1]).append(' '));
        return b.toString().trim();
    }

    private static String abbreviate(String line) {
        return line.length() <= 400 ? line : line.substring(0, 400) + "…";
    }
}
