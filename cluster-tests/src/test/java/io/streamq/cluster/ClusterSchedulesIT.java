package io.streamq.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.keys.ScheduleKeys;
import io.streamq.testing.RedisSubscriber;
import io.streamq.testing.RedisTestCluster;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.ServiceApp;
import io.streamq.testing.TestKey;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules on a three-master Redis Cluster: the packaged worker (two replicas) and monitor services in cluster mode
 * fire schedules of queues whose slots sit on different masters, each due time once, through the owner API; no node
 * answers a cross-slot or other error and no log mentions one.
 */
class ClusterSchedulesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<QueueName> QUEUES = List.of(QueueName.SYSTEM, QueueName.ANALYTICS, QueueName.PLUGINS);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private ServiceApp monitor;

    @Test
    void schedulesOfQueuesOnDifferentMastersFireEachDueTimeOnce() throws Exception {
        Path repo = Path.of(System.getProperty("streamq.repo.root", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("streamq.cluster.work", "target")).toAbsolutePath()
                .resolve("schedules");
        Files.createDirectories(work);
        token = TestKey.shared().signer().sign(TestTokens.ISSUER, "cluster-schedules", List.of("OWNER"), Map.of(),
                Duration.ofHours(1));
        List<ServiceApp> services = new ArrayList<>();
        try (RedisTestCluster cluster = RedisTestCluster.start();
             RedisSubscriber tap = new RedisSubscriber(cluster.ports().getFirst(), "rt:queue:events")) {
            Map<String, String> env = ServiceApp.baseEnv(cluster.hosts(), TestKey.shared().publicPemFile(),
                    TestTokens.ISSUER);
            env.put("QUARKUS_REDIS_CLIENT_TYPE", "cluster");
            // Nothing consumes the scheduled jobs: the queues' counts are then exactly what the schedules enqueued.
            env.put("STREAMQ_WORKER_QUEUES", "ai");
            for (String module : List.of("worker-service", "worker-service", "monitor-service")) {
                services.add(ServiceApp.start(module, repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"),
                        RedisTestServer.freePort(), env, work.resolve("logs-" + services.size()),
                        ServiceApp.Launch.forTests(work.resolve("apps-" + services.size()))));
            }
            monitor = services.getLast();
            ServiceApp.awaitReady(services, http, Duration.ofSeconds(120));

            Set<Integer> masters = new TreeSet<>();
            for (QueueName q : QUEUES) {
                masters.add(cluster.portOfKey(QueueKeys.of(q).schedules()));
            }
            assertThat(masters).as("masters holding the schedules' queues").hasSizeGreaterThanOrEqualTo(2);

            call("POST", "/owner/schedules", """
                    {"id":"c-system","jobName":"system.health-check","payload":{},"everyMs":1000,"maxRuns":4}""", 201);
            call("POST", "/owner/schedules", """
                    {"id":"c-analytics","jobName":"analytics.aggregate-daily","payload":{"date":"2026-01-01"},
                     "everyMs":1000,"maxRuns":4}""", 201);
            call("POST", "/owner/schedules", """
                    {"id":"c-plugins","jobName":"plugin.sync","payload":{"pluginId":"acme.crm-sync"},
                     "cron":"0 3 * * *","timezone":"Europe/Berlin"}""", 201);
            JsonNode ran = call("POST", "/owner/schedules/c-plugins/run-now", null, 200);
            call("POST", "/owner/schedules/c-plugins/pause", null, 200);
            call("POST", "/owner/schedules/c-plugins/resume", null, 200);

            awaitTrue(() -> finished("c-system") && finished("c-analytics"), Duration.ofSeconds(60));

            for (String id : List.of("c-system", "c-analytics")) {
                List<JsonNode> fired = fired(tap, id);
                Set<Long> due = new HashSet<>();
                fired.forEach(e -> due.add(e.get("dueAt").asLong()));
                assertThat(fired).as(id + " fires").hasSize(4);
                assertThat(due).as(id + " due times, each once").hasSize(4);
                assertThat(call("GET", "/owner/schedules/" + id, null, 200).get("runs").asInt()).isEqualTo(4);
            }
            assertThat(ran.get("jobId").asText()).startsWith("plugins-");
            JsonNode plugins = call("GET", "/owner/schedules/c-plugins", null, 200);
            assertThat(plugins.get("runs").asInt()).isEqualTo(1);
            assertThat(plugins.get("nextRuns")).hasSize(5);
            assertThat(cluster.command(cluster.portOfKey(ScheduleKeys.ids()), "HLEN", ScheduleKeys.ids()))
                    .as("three schedules and the worker's three defaults").contains("6");
            call("DELETE", "/owner/schedules/c-plugins", null, 200);
            call("GET", "/owner/schedules/c-plugins", null, 404);

            for (int port : cluster.ports()) {
                assertThat(ErrorReplies.intolerable(ErrorReplies.of(cluster, port))).as("error replies of node " + port)
                        .isEmpty();
            }
        } finally {
            services.forEach(ServiceApp::close);
        }
        for (ServiceApp s : services) {
            assertThat(Files.readAllLines(s.log())).as(s.name() + " log")
                    .noneMatch(l -> l.contains("CROSSSLOT") || l.toLowerCase().contains("cross slot")
                            || l.contains("non local key"));
        }
    }

    private boolean finished(String id) {
        return call("GET", "/owner/schedules/" + id, null, 200).get("nextDueAt").isNull();
    }

    private static List<JsonNode> fired(RedisSubscriber tap, String schedule) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String message : tap.messages) {
            for (JsonNode e : JSON.readTree(message.substring(message.indexOf(' ') + 1)).path("events")) {
                if (schedule.equals(e.path("schedule").asText()) && "fired".equals(e.path("state").asText())) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private JsonNode call(String method, String path, String body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(monitor.baseUrl() + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
            return r.body().isEmpty() ? null : JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + atMost);
            }
            Thread.sleep(500);
        }
    }
}
