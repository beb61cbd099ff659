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

    private ServiceApp start(String module, String name) throws Exception {
        ServiceApp app = ServiceApp.start(repo, module, RedisTestServer.freePort(), env, work.resolve("logs-" + name),
                work.resolve("apps-" + name));
        running.add(app);
        app.awaitReady(http, READY);
        return app;
    }

    /** Enqueues {@code count} {@code plugin.execute-hook} jobs calling {@code hookUrl}; answers their ids. */
    List<String> enqueueHooks(int count, String hookUrl) {
        ObjectNode body = json.createObjectNode();
        ArrayNode jobs = body.putArray("jobs");
        for (int i = 0; i < count; i++) {
            ObjectNode job = jobs.addObject().put("name", "plugin.execute-hook");
            job.putObject("payload").put("pluginId", "crm").put("hook", "contact.created").put("url", hookUrl)
                    .putObject("body");
        }
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(producer.baseUrl() + "/v1/jobs/bulk"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 202);
        List<String> ids = new ArrayList<>();
        answer.get("results").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    /** The job as {@code GET /v1/jobs/{id}} answers it. */
    JsonNode job(String id) {
        return send(HttpRequest.newBuilder(URI.create(producer.baseUrl() + "/v1/jobs/" + id)).GET(), 200);
    }

    /** The Redis server's clock in ms, which stamps every job timestamp. */
    long redisTimeMs() {
        String[] t = redis.command("TIME").split("\n");
        return Long.parseLong(t[0]) * 1000 + Long.parseLong(t[1]) / 1000;
    }

    private JsonNode send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new AssertionError(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": "
                        + r.body());
            }
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
