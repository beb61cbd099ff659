package io.streamq.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.ServiceApp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster tests' calls to the packaged services (with one bearer token) and to the cluster's error counters. */
final class ClusterHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            // HTTP/1.1: the JDK client's h2c upgrade on a GET confuses some Quarkus endpoints.
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    ClusterHttp(String token) {
        this.token = token;
    }

    JsonNode getOk(ServiceApp service, String path) throws Exception {
        HttpResponse<String> r = get(service, path);
        assertThat(r.statusCode()).as(service.name() + " " + path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    HttpResponse<String> get(ServiceApp service, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    /** A POST of {@code json}, or of no body at all when it is null. */
    HttpResponse<String> post(ServiceApp service, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            return send(request.POST(HttpRequest.BodyPublishers.noBody()).build());
        }
        return send(request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(HttpRequest.newBuilder(request, (n, v) -> true).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Starts the packaged services of {@code modules} (in that order, added to {@code into}, which a shutdown hook
     * closes) on free ports and waits until each is ready.
     */
    void startReady(List<ServiceApp> into, Path repo, List<String> modules, Map<String, String> env, Path logs,
                    Path apps) throws Exception {
        for (String m : modules) {
            into.add(ServiceApp.start(repo, m, RedisTestServer.freePort(), env, logs, apps));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> into.forEach(ServiceApp::close)));
        ServiceApp.awaitReady(into, http, Duration.ofSeconds(120));
    }

    /** Stops the services, last started first. */
    static void stopAll(List<ServiceApp> services) {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }
}
