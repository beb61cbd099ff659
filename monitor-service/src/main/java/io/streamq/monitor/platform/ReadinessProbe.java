package io.streamq.monitor.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.streamq.monitor.config.MonitorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * Asks a service for its readiness ({@code /q/health/ready}, the endpoint Kubernetes probes), over HTTP for the
 * others and in process for monitor-service itself. Never fails: a call that errs or outlasts the timeout is an
 * {@code UNREACHABLE} answer.
 */
@ApplicationScoped
public class ReadinessProbe {

    static final String READY_PATH = "/q/health/ready";

    /**
     * A readiness answer is a few hundred bytes. One longer than this is not read on: a service answering garbage
     * without end (fast, within the timeout) must not fill this service's memory.
     */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final SmallRyeHealthReporter own;
    private final ObjectMapper mapper;
    private final Duration timeout;
    private final HttpClient client;

    public ReadinessProbe(SmallRyeHealthReporter own, ObjectMapper mapper, MonitorConfig config) {
        this.own = own;
        this.mapper = mapper;
        this.timeout = config.platform().timeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** monitor-service's own readiness checks, without a round trip through the network. */
    public Uni<ServiceReadiness> self(String name) {
        long start = System.nanoTime();
        return own.getReadinessAsync()
                .map(health -> readiness(name, health.isDown() ? 503 : 200, health.getPayload().toString(), start))
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(e -> new ServiceReadiness(name, ServiceState.DOWN,
                        Failures.millisSince(start), List.of(), Failures.describe(e)));
    }

    public Uni<ServiceReadiness> remote(String name, Optional<URI> baseUrl) {
        if (baseUrl.isEmpty()) {
            return Uni.createFrom().item(ServiceReadiness.notConfigured(name));
        }
        HttpRequest request = HttpRequest.newBuilder(readyUri(baseUrl.get())).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        long start = System.nanoTime();
        return Uni.createFrom()
                .completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher()))
                .chain(response -> boundedText(response.body()).map(body -> body == null
                        ? tooLong(name, response.statusCode(), start)
                        : readiness(name, response.statusCode(), body, start)))
                .ifNoItem().after(timeout.multipliedBy(2)).fail()
                .onFailure().recoverWithItem(e -> new ServiceReadiness(name, ServiceState.UNREACHABLE,
                        Failures.millisSince(start), List.of(), Failures.describe(e)));
    }

    /** The body as UTF-8 text, or null once it runs past {@link #MAX_ANSWER_BYTES}: reading stops there. */
    static Uni<String> boundedText(Flow.Publisher<List<ByteBuffer>> body) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        return Multi.createFrom().publisher(body).onItem().transformToIterable(Function.identity())
                .select().first(buffer -> read.size() <= MAX_ANSWER_BYTES)
                .collect().in(() -> read, (out, buffer) -> {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    out.writeBytes(bytes);
                })
                .map(out -> out.size() > MAX_ANSWER_BYTES ? null : out.toString(StandardCharsets.UTF_8));
    }

    static URI readyUri(URI base) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + READY_PATH);
    }

    private static ServiceReadiness tooLong(String name, int httpStatus, long start) {
        return new ServiceReadiness(name, ServiceState.DOWN, Failures.millisSince(start), List.of(),
                "readiness answered HTTP " + httpStatus + " longer than " + MAX_ANSWER_BYTES + " bytes, not read on");
    }

    /** 200 with status UP is UP; anything else that answered is DOWN, with the checks it named. */
    private ServiceReadiness readiness(String name, int httpStatus, String body, long start) {
        double latency = Failures.millisSince(start);
        JsonNode json;
        try {
            json = mapper.readTree(body == null ? "" : body);
        } catch (IOException e) {
            json = null;
        }
        List<ReadinessCheck> checks = new ArrayList<>();
        String status = json == null ? "" : json.path("status").asText();
        if (json != null) {
            for (JsonNode check : json.path("checks")) {
                checks.add(new ReadinessCheck(check.path("name").asText(), check.path("status").asText()));
            }
        }
        if (httpStatus == 200 && "UP".equals(status)) {
            return new ServiceReadiness(name, ServiceState.UP, latency, checks, null);
        }
        List<String> failing = checks.stream().filter(c -> !"UP".equals(c.status())).map(ReadinessCheck::name)
                .toList();
        String error = "readiness answered HTTP " + httpStatus + (status.isEmpty() ? "" : " " + status)
                + (failing.isEmpty() ? "" : ", failing: " + String.join(", ", failing));
        return new ServiceReadiness(name, ServiceState.DOWN, latency, checks, error);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
