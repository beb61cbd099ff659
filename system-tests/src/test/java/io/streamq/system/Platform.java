package io.streamq.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.streamq.core.testing.QueueInvariants;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.ServiceApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A private redis-server, producer-service, and worker-service processes started and stopped at will, all on free
 * loopback ports, with the settings a test gives on top of {@link ServiceApp#baseEnv}.
 */
final class Platform implements AutoCloseable {

    private static final String ISSUER = "streamq-dev";
    private static final Duration READY = Duration.ofSeconds(90);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path repo = Path.of(System.getProperty("streamq.repo.root", "..")).toAbsolutePath().normalize();
    private final Path work;
    private final RedisTestServer redis = new RedisTestServer();
    private final Map<String, String> env;
    private final String token;
    private final List<ServiceApp> running = new ArrayList<>();
    private final ServiceApp producer;
    private Vertx vertx;
    private Redis client;

    Platform(String testName, Map<String, String> settings) throws Exception {
        work = Path.of(System.getProperty("streamq.system.work", "target")).toAbsolutePath().resolve(testName);
        Files.createDirectories(work);
        TestKeys keys = TestKeys.generate(work.resolve("keys"));
        token = keys.signer().sign(ISSUER, testName, List.of("producer", "OWNER"),
                Map.of("tenant", "tenant-a", "workspace", "ws-1"), Duration.ofHours(1));
        env = new HashMap<>(ServiceApp.baseEnv(redis.uri(), keys.publicPem(), ISSUER));
        env.put("STREAMQ_PRODUCER_RATE_LIMIT_OVERRIDE", "0");
        env.putAll(settings);
        producer = start("producer-service", "producer-service");
    }

    RedisTestServer redis() {
        return redis;
    }

    /** The queue invariant (docs/architecture.md), checked over a client of this test's own. */
    QueueInvariants invariants() {
        if (vertx == null) {
            vertx = Vertx.vertx();
            client = Redis.createClient(vertx, redis.uri());
        }
        return QueueInvariants.of(client);
    }

    /** Starts a worker-service process; {@code name} tells its log and copy apart from other workers'. */
    ServiceApp startWorker(String name) throws Exception {
        return start("worker-service", name);
    }

    /** Starts one more service, named after its module. */
    ServiceApp startService(String module) throws Exception {
        return start(module, module);
    }

    ServiceApp producer() {
        return producer;
    }

    private ServiceApp start(String module, String name) throws Exception {
        ServiceApp app = ServiceApp.start(repo, module, RedisTestServer.freePort(), env, work.resolve("logs-" + name),
                work.resolve("apps-" + name));
        running.add(app);
        app.awaitReady(http, READY);
        return app;
    }

    /** Enqueues {@code count} {@code plugin.execute-hook} jobs calling {@code hookUrl}; answers their ids. */
    List<String> enqueueHooks(int count, String hookUrl) {
        ObjectNode payload = json.createObjectNode().put("pluginId", "crm").put("hook", "contact.created")
                .put("url", hookUrl);
        payload.putObject("body");
        return enqueue("plugin.execute-hook", payload, count, 0);
    }

    /** Enqueues {@code count} jobs of one type through {@code POST /v1/jobs/bulk}; answers their ids. */
    List<String> enqueue(String type, JsonNode payload, int count, long delayMs) {
        ObjectNode body = json.createObjectNode();
        ArrayNode jobs = body.putArray("jobs");
        for (int i = 0; i < count; i++) {
            ObjectNode job = jobs.addObject().put("name", type).put("delayMs", delayMs);
            job.set("payload", payload);
        }
        JsonNode answer = call(producer, "POST", "/v1/jobs/bulk", body.toString(), Map.of(), 202);
        List<String> ids = new ArrayList<>();
        answer.get("results").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    /** The job as {@code GET /v1/jobs/{id}} answers it. */
    JsonNode job(String id) {
        return call(producer, "GET", "/v1/jobs/" + id, null, Map.of(), 200);
    }

    /**
     * One request with this test's OWNER and producer token; fails unless the answer has status {@code expected}.
     * Answers the JSON body (null when there is none or it is not JSON).
     */
    JsonNode call(ServiceApp service, String method, String path, String body, Map<String, String> headers,
                  int expected) {
        HttpResponse<String> r = send(service, method, path, body, headers);
        if (r.statusCode() != expected) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            String type = r.headers().firstValue("Content-Type").orElse("");
            return type.contains("json") && !r.body().isEmpty() ? json.readTree(r.body()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> send(ServiceApp service, String method, String path, String body,
                              Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Redis server's clock in ms, which stamps every job timestamp. */
    long redisTimeMs() {
        String[] t = redis.command("TIME").split("\n");
        return Long.parseLong(t[0]) * 1000 + Long.parseLong(t[1]) / 1000;
    }

    @Override
    public void close() {
        if (vertx != null) {
            client.close();
            vertx.closeAndAwait();
        }
        running.forEach(ServiceApp::close);
        redis.close();
    }
}
