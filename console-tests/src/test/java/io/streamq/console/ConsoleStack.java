package io.streamq.console;

import com.sun.net.httpserver.HttpServer;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.ServiceApp;
import io.streamq.testing.TestKey;
import io.streamq.testing.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the browser tests run against, started once per test JVM and shared by every test class: a private
 * redis-server, the five packaged services, and nginx in front of them routed like deploy/base/ingress.yaml, so the
 * console is served and called from one origin as an owner meets it. Stopped by a shutdown hook.
 */
final class ConsoleStack {

    static final List<String> MODULES = List.of("producer-service", "worker-service", "monitor-service", "dlq-service",
            "realtime-gateway");

    private static ConsoleStack shared;

    private final HttpClient http = HttpClient.newBuilder()
            // HTTP/1.1: the JDK client's h2c upgrade on a GET makes monitor-service answer 500 ("Request has already
            // been read"); browsers never send that upgrade.
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Path repo;
    private final Path logs;
    private final Path apps;
    private final Duration readyWithin;
    private final RedisTestServer redis;
    private final HttpServer hooks;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> envs = new HashMap<>();
    private final Map<String, ServiceApp> services = new LinkedHashMap<>();
    private final IngressProxy proxy;
    private final String ownerToken = TestTokens.owner("console-owner");

    static synchronized ConsoleStack shared() throws Exception {
        if (shared == null) {
            shared = new ConsoleStack();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-console-stack"));
        }
        return shared;
    }

    private ConsoleStack() throws Exception {
        repo = Path.of(System.getProperty("streamq.repo.root", "..")).toAbsolutePath().normalize();
        logs = Path.of(System.getProperty("streamq.console.logs", "target/service-logs"));
        apps = logs.resolveSibling("service-apps");
        // Five JVMs starting at once on a busy machine can take longer: -Dstreamq.console.ready-within=PT5M.
        readyWithin = Duration.parse(System.getProperty("streamq.console.ready-within", "PT2M"));
        redis = RedisTestServer.start();
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // /hook/<status> answers that status: the webhook job type's outcomes on demand.
        hooks.createContext("/hook/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String[] parts = exchange.getRequestURI().getPath().split("/");
            exchange.sendResponseHeaders(Integer.parseInt(parts[parts.length - 1]), -1);
            exchange.close();
        });
        hooks.start();

        for (String module : MODULES) {
            ports.put(module, RedisTestServer.freePort());
        }
        int proxyPort = RedisTestServer.freePort();
        Map<String, String> common = ServiceApp.baseEnv(redis.uri(), TestKey.shared().publicPemFile(), TestTokens.ISSUER);
        for (String module : MODULES) {
            Map<String, String> env = new HashMap<>(common);
            envs.put(module, env);
        }
        // monitor-service asks the others for their readiness directly, as it does inside the cluster.
        Map<String, String> monitor = envs.get("monitor-service");
        monitor.put("STREAMQ_MONITOR_PLATFORM_PRODUCER_URL", baseUrl("producer-service"));
        monitor.put("STREAMQ_MONITOR_PLATFORM_DLQ_URL", baseUrl("dlq-service"));
        monitor.put("STREAMQ_MONITOR_PLATFORM_GATEWAY_URL", baseUrl("realtime-gateway"));

        List<ServiceApp> started = new ArrayList<>();
        for (String module : MODULES) {
            ServiceApp app = launch(module);
            services.put(module, app);
            started.add(app);
        }
        ServiceApp.awaitReady(started, http, readyWithin);
        proxy = IngressProxy.start(repo.resolve("deploy/base/ingress.yaml"), ports, proxyPort,
                logs.resolveSibling("ingress-proxy"));
    }

    private String baseUrl(String module) {
        return "http://127.0.0.1:" + ports.get(module);
    }

    private ServiceApp launch(String module) throws IOException {
        return ServiceApp.start(repo, module, ports.get(module), envs.get(module), logs, apps);
    }

    /** The one origin of the console and every owner API: the proxy, as the Ingress host is in a cluster. */
    String origin() {
        return proxy.origin();
    }

    ServiceApp service(String module) {
        ServiceApp app = services.get(module);
        if (app == null) {
            throw new IllegalArgumentException("no service " + module + " (one of " + MODULES + ")");
        }
        return app;
    }

    /** Stops a service (TERM), as an outage the console must show; {@link #restart} brings it back. */
    synchronized void stop(String module) {
        service(module).close();
    }

    /** Starts a stopped (or running: it is stopped first) service again on the same port and waits until ready. */
    synchronized void restart(String module) throws Exception {
        service(module).close();
        ServiceApp app = launch(module);
        services.put(module, app);
        app.awaitReady(http, readyWithin);
    }

    RedisTestServer redis() {
        return redis;
    }

    HttpClient http() {
        return http;
    }

    String ownerToken() {
        return ownerToken;
    }

    /** A local URL that answers every request with {@code status} (for the webhook job type). */
    String hookUrl(int status) {
        return "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook/" + status;
    }

    private void close() {
        if (proxy != null) {
            proxy.close();
        }
        List<ServiceApp> running = new ArrayList<>(services.values());
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        hooks.stop(0);
        redis.close();
    }

    static Path screenshots() {
        Path dir = Path.of(System.getProperty("streamq.console.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
