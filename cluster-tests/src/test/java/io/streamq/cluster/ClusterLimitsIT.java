package io.streamq.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.streamq.testing.RedisTestCluster;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.ServiceApp;
import io.streamq.testing.TestKey;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue's start limits on the three-master Redis Cluster: an owner sets them on monitor-service, two worker
 * processes obey them in their claim scripts (the limits hash shares the queue's hash tag), and no node answers an
 * error. Max active 2 is checked where it matters, at the webhook receiver (never more than two calls at once); the
 * rate of 4 a second on the jobs' start times (Redis clock): GCRA allows at most 4 + 4 per second over any span, so
 * nine starts never fit in one second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterLimitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JOBS = 16;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ServiceApp> services = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    private RedisTestCluster cluster;
    private HttpServer hooks;
    private ServiceApp producer;
    private ServiceApp monitor;
    private String token;

    @BeforeAll
    void start() throws Exception {
        Path repo = Path.of(System.getProperty("streamq.repo.root", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("streamq.cluster.work", "target")).toAbsolutePath();
        Path logs = work.resolve("limits-logs");
        Files.createDirectories(logs);
        token = TestKey.shared().signer().sign(TestTokens.ISSUER, "cluster-limits", List.of("producer", "OWNER"),
                Map.of("tenant", "tenant-a", "workspace", "ws-1"), Duration.ofHours(1));
        cluster = RedisTestCluster.start();

        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        hooks.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hooks.start();

        Map<String, String> env = ServiceApp.baseEnv(cluster.hosts(), TestKey.shared().publicPemFile(),
                TestTokens.ISSUER);
        env.put("QUARKUS_REDIS_CLIENT_TYPE", "cluster");
        env.put("STREAMQ_MONITOR_REFRESH_EVERY", "1s");
        env.put("STREAMQ_MONITOR_STATS_TTL", "1s");
        env.put("STREAMQ_MONITOR_HEALTH_TTL", "1s");
        Path apps = work.resolve("limits-apps");
        producer = ServiceApp.start(repo, "producer-service", RedisTestServer.freePort(), env, logs, apps);
        monitor = ServiceApp.start(repo, "monitor-service", RedisTestServer.freePort(), env, logs, apps);
        services.add(producer);
        services.add(monitor);
        for (String name : List.of("worker-a", "worker-b")) {
            services.add(ServiceApp.start(name, repo.resolve("worker-service/target/quarkus-app/quarkus-run.jar"),
                    RedisTestServer.freePort(), env, logs, ServiceApp.Launch.forTests(apps)));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> services.forEach(ServiceApp::close)));
        ServiceApp.awaitReady(services, http, Duration.ofSeconds(120));
    }

    @AfterAll
    void stop() {
        services.reversed().forEach(ServiceApp::close);
        if (hooks != null) {
            hooks.stop(0);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void limitsSetByAnOwnerHoldAcrossTwoWorkersOnTheCluster() throws Exception {
        HttpResponse<String> set = send(HttpRequest.newBuilder(URI.create(monitor.baseUrl()
                        + "/owner/queues/plugins/limits")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"rateLimit\":{\"jobs\":4,\"perMs\":1000},\"maxActive\":2}")));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(JSON.readTree(set.body()).path("source").path("maxActive").asText()).isEqualTo("owner");

        String url = "http://127.0.0.1:" + hooks.getAddress().getPort() + "/slow";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(producer.baseUrl() + "/v1/jobs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"plugin.execute-hook\",\"payload\":{\"pluginId\":\"acme.crm-sync\","
                                    + "\"hook\":\"contact.created\",\"url\":\"" + url + "\",\"body\":{}}}")));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            ids.add(JSON.readTree(r.body()).path("id").asText());
        }

        List<Long> starts = new ArrayList<>();
        for (String id : ids) {
            starts.add(Instant.parse(awaitCompleted(id).path("startedAt").asText()).toEpochMilli());
        }
        starts.sort(null);
        for (int i = 0; i + 8 < starts.size(); i++) {
            assertThat(starts.get(i + 8) - starts.get(i)).as("span of starts %d..%d", i, i + 8)
                    .isGreaterThanOrEqualTo(1000);
        }
        assertThat(mostAtOnce.get()).as("webhook calls at once").isEqualTo(2);

        JsonNode limits = getOk(monitor, "/owner/queues/plugins/metrics").path("metrics").path("limits");
        assertThat(limits.path("maxActive").asInt()).isEqualTo(2);
        assertThat(limits.path("rateLimit").path("jobs").asInt()).isEqualTo(4);
        for (int port : cluster.ports()) {
            assertThat(ErrorReplies.intolerable(ErrorReplies.of(cluster, port))).as("error replies of node %d", port)
                    .isEmpty();
        }
    }

    private JsonNode awaitCompleted(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = getOk(producer, "/v1/jobs/" + id);
            if ("completed".equals(job.path("state").asText())) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(id + " did not complete: " + job);
    }

    private JsonNode getOk(ServiceApp service, String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).GET());
        assertThat(r.statusCode()).as(service.name() + " " + path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
