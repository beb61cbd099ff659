package io.streamq.cluster;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Priorities on a three-master Redis Cluster, through the packaged services in cluster mode: jobs of three priorities
 * enqueued in bulk are counted per priority by monitor-service, then one worker with one slot starts them in priority
 * order while the lowest still gets its share, and no node answers an error (the prioritized set, the lease stream
 * and the wake stream share the queue's hash tag).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPrioritiesIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int PER_PRIORITY = 30;

    private final List<ServiceApp> services = new ArrayList<>();
    private final Map<String, Integer> priorityOf = new HashMap<>();
    private RedisTestCluster cluster;
    private RedisSubscriber events;
    private ClusterHttp api;
    private ServiceApp producer;
    private ServiceApp monitor;
    private Path repo;
    private Path logs;
    private Path apps;
    private Map<String, String> env;

    @BeforeAll
    void startEverythingButTheWorker() throws Exception {
        repo = Path.of(System.getProperty("streamq.repo.root", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("streamq.cluster.work", "target")).toAbsolutePath()
                .resolve("priorities");
        logs = work.resolve("service-logs");
        apps = work.resolve("apps");
        Files.createDirectories(logs);
        api = new ClusterHttp(TestKey.shared().signer().sign(TestTokens.ISSUER, "cluster-priorities",
                List.of("producer", "OWNER"), Map.of("tenant", "tenant-a", "workspace", "ws-1"), Duration.ofHours(1)));
        cluster = RedisTestCluster.start();
        // Job events in the order the scripts published them: the 'active' ones are the start order.
        events = new RedisSubscriber(cluster.ports().getFirst(), "rt:queue:events");
        env = ServiceApp.baseEnv(cluster.hosts(), TestKey.shared().publicPemFile(), TestTokens.ISSUER);
        env.put("QUARKUS_REDIS_CLIENT_TYPE", "cluster");
        // One slot: jobs start one after another, so their start times give the claim order.
        env.put("STREAMQ_QUEUE_SYSTEM_CONCURRENCY", "1");
        env.put("STREAMQ_MONITOR_REFRESH_EVERY", "1s");
        env.put("STREAMQ_MONITOR_STATS_TTL", "1s");
        api.startReady(services, repo, List.of("producer-service", "monitor-service"), env, logs, apps);
        producer = services.get(0);
        monitor = services.get(1);
    }

    @AfterAll
    void stopEverything() {
        ClusterHttp.stopAll(services);
        if (events != null) {
            try {
                events.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void waitingJobsAreCountedPerPriority() throws Exception {
        StringBuilder bulk = new StringBuilder("{\"jobs\":[");
        int[] order = {10, 5, 1};
        for (int p : order) {
            for (int i = 0; i < PER_PRIORITY; i++) {
                bulk.append(bulk.length() > 9 ? "," : "").append("{\"name\":\"system.health-check\",\"payload\":{},")
                        .append("\"priority\":").append(p).append('}');
            }
        }
        HttpResponse<String> r = api.post(producer, "/v1/jobs/bulk", bulk.append("]}").toString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        JsonNode results = ClusterHttp.JSON.readTree(r.body()).path("results");
        assertThat(results.size()).isEqualTo(3 * PER_PRIORITY);
        for (JsonNode item : results) {
            assertThat(item.path("status").asText()).as(item.toString()).isEqualTo("accepted");
            priorityOf.put(item.path("id").asText(), order[item.path("index").asInt() / PER_PRIORITY]);
        }

        JsonNode counts = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            counts = systemCounts();
            if (counts != null && counts.path("waitingByPriority").path("1").asLong() == PER_PRIORITY) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(counts).as("the system queue's counts").isNotNull();
        JsonNode byPriority = counts.path("waitingByPriority");
        assertThat(byPriority.path("1").asLong()).isEqualTo(PER_PRIORITY);
        assertThat(byPriority.path("5").asLong()).isEqualTo(PER_PRIORITY);
        assertThat(byPriority.path("10").asLong()).isEqualTo(PER_PRIORITY);
        assertThat(counts.path("waiting").asLong()).isEqualTo(3 * PER_PRIORITY);
    }

    @Test
    @Order(2)
    void oneWorkerStartsThemInPriorityOrderWithTheLowestsShare() throws Exception {
        api.startReady(services, repo, List.of("worker-service"), env, logs, apps);
        for (String id : priorityOf.keySet()) {
            awaitCompleted(id);
        }
        List<Integer> starts = new ArrayList<>();
        for (String m : events.messages) {
            for (JsonNode e : ClusterHttp.JSON.readTree(m.substring(m.indexOf(' ') + 1)).path("events")) {
                if ("active".equals(e.path("state").asText()) && priorityOf.containsKey(e.path("jobId").asText())) {
                    starts.add(priorityOf.get(e.path("jobId").asText()));
                }
            }
        }
        assertThat(starts).hasSize(3 * PER_PRIORITY);

        // One slot: one job per claim. Starts 10, 20 and 30 are the fair ones (to 5, then 10, then 5).
        assertThat(starts.subList(0, 9)).containsOnly(1);
        assertThat(starts.get(9)).isEqualTo(5);
        assertThat(starts.get(19)).as("priority 10 progresses").isEqualTo(10);
        assertThat(starts.subList(0, 30).stream().filter(p -> p == 1).count()).isEqualTo(27);
        assertThat(averageRank(starts, 1)).isLessThan(averageRank(starts, 5));
        assertThat(averageRank(starts, 5)).isLessThan(averageRank(starts, 10));
    }

    @Test
    @Order(3)
    void noNodeAnsweredAnErrorAndNoServiceLoggedOne() throws Exception {
        for (int port : cluster.ports()) {
            assertThat(ErrorReplies.intolerable(ErrorReplies.of(cluster, port))).as("error replies of node " + port)
                    .isEmpty();
        }
        for (ServiceApp s : services) {
            assertThat(s.alive()).as(s.name() + " still running").isTrue();
            assertThat(Files.readAllLines(s.log()).stream()
                    .filter(l -> l.matches("^\\S+ \\S+ ERROR .*") || l.contains("CROSSSLOT") || l.contains("non local")))
                    .as(s.name() + " error lines").isEmpty();
        }
    }

    private JsonNode systemCounts() throws Exception {
        for (JsonNode q : api.getOk(monitor, "/owner/queues/stats")) {
            if ("system".equals(q.path("queue").asText())) {
                return q.path("counts");
            }
        }
        return null;
    }

    private JsonNode awaitCompleted(String id) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = api.getOk(producer, "/v1/jobs/" + id);
            if ("completed".equals(job.path("state").asText())) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(id + " did not complete within " + WAIT + ": " + job);
    }

    private static double averageRank(List<Integer> starts, int priority) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i) == priority) {
                sum += i;
                n++;
            }
        }
        return sum / n;
    }
}
