package io.streamq.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The producer's REST API over the JDK HttpClient (HTTP/1.1, pooled keep-alive connections). */
final class ProducerClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String bearer;

    ProducerClient(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.bearer = "Bearer " + token;
    }

    /** The Authorization header value, for a load generator outside the JVM. */
    String bearer() {
        return bearer;
    }

    String url(String path) {
        return base.resolve(path).toString();
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Answer enqueue(String jobJson) throws IOException, InterruptedException {
        return post("/v1/jobs", jobJson);
    }

    Answer enqueueBulk(String bulkJson) throws IOException, InterruptedException {
        return post("/v1/jobs/bulk", bulkJson);
    }

    Answer job(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/jobs/" + id))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", bearer)
                .GET().build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(answer.statusCode(), answer.body());
    }

    private Answer post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(answer.statusCode(), answer.body());
    }
}
