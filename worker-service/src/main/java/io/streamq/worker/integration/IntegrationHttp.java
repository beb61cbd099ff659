package io.streamq.worker.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobFailure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The worker's one outbound HTTP client. Every hop, the first and each redirect (followed here, at most
 * {@value #MAX_REDIRECTS}), passes the {@link OutboundGuard} first; answers are read up to a size limit; every
 * failure is classified by {@link Failures}. The whole exchange, redirects included, must end within the job's
 * timeout; every hop is a line of the job's log.
 */
@ApplicationScoped
public class IntegrationHttp {

    public static final int MAX_REDIRECTS = 5;
    static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    /** A final (non-redirect) answer. */
    public record Reply(int status, String body, URI uri) {
        public boolean success() {
            return status >= 200 && status < 300;
        }
    }

    private final OutboundGuard guard;
    private final ObjectMapper mapper;
    private final HttpClient client;

    public IntegrationHttp(OutboundGuard guard, ObjectMapper mapper, IntegrationsConfig config) {
        this.guard = guard;
        this.mapper = mapper;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * One exchange; answers any final status (the caller decides what it means). Each hop is a line of the job's log
     * ({@link CallLog}).
     */
    public Reply exchange(JobContext context, String integration, String method, URI uri, Map<String, String> headers,
                          String body) throws JobFailure, InterruptedException {
        long deadline = System.nanoTime() + context.timeout().toNanos();
        String currentMethod = method;
        String currentBody = body;
        URI current = uri;
        for (int hop = 0; ; hop++) {
            long start = System.nanoTime();
            HttpResponse<InputStream> response;
            String text;
            try {
                guard.check(current);
                long left = deadline - start;
                if (left <= 0) {
                    throw new Failures.Timeout(integration + " did not answer in time", null);
                }
                response = send(integration, request(current, currentMethod, currentBody, headers, left));
                text = read(integration, response);
            } catch (JobFailure f) {
                CallLog.failed(context, integration, currentMethod, current, f, start);
                throw f;
            } catch (InterruptedException e) {
                CallLog.interrupted(context, integration, currentMethod, current, start);
                throw e;
            }
            int status = response.statusCode();
            CallLog.answered(context, integration, currentMethod, current, status, start);
            Optional<String> location = response.headers().firstValue("Location");
            if (!isRedirect(status) || location.isEmpty()) {
                return new Reply(status, text, current);
            }
            if (hop == MAX_REDIRECTS) {
                throw Failures.rejected(Failures.TOO_MANY_REDIRECTS,
                        integration + " redirected more than " + MAX_REDIRECTS + " times");
            }
            URI next;
            try {
                next = current.resolve(location.get());
            } catch (IllegalArgumentException e) {
                throw Failures.invalidResponse(integration, "a malformed redirect");
            }
            if (status == 303 || ((status == 301 || status == 302) && !"GET".equals(currentMethod)
                    && !"HEAD".equals(currentMethod))) {
                currentMethod = "GET";
                currentBody = null;
            }
            current = next;
        }
    }

    private static HttpRequest request(URI uri, String method, String body, Map<String, String> headers,
                                       long timeoutNanos) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(timeoutNanos))
                .header("User-Agent", "streamq-worker");
        headers.forEach(request::header);
        return request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<InputStream> send(String integration, HttpRequest request)
            throws JobFailure, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw Failures.forException(integration, e);
        }
    }

    private static String read(String integration, HttpResponse<InputStream> response) throws JobFailure {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw Failures.rejected(Failures.RESPONSE_TOO_LARGE,
                        integration + " answered more than " + MAX_RESPONSE_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failures.forException(integration, e);
        }
    }

    /** An exchange that must succeed (2xx); its body parsed as JSON (an empty body is an empty object). */
    public JsonNode json(JobContext context, String integration, String method, URI uri, Map<String, String> headers,
                         Object body) throws JobFailure, InterruptedException {
        Reply reply = exchange(context, integration, method, uri, withJson(headers, body != null), toJson(body));
        if (!reply.success()) {
            throw Failures.forStatus(integration, reply.status());
        }
        if (reply.body().isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(reply.body());
        } catch (IOException e) {
            throw Failures.invalidResponse(integration, "a body that is not JSON");
        }
    }

    private static Map<String, String> withJson(Map<String, String> headers, boolean hasBody) {
        java.util.LinkedHashMap<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.putIfAbsent("Accept", "application/json");
        if (hasBody) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        return all;
    }

    private String toJson(Object body) throws JobFailure {
        if (body == null) {
            return null;
        }
        if (body instanceof String s) {
            return s;
        }
        try {
            return mapper.writeValueAsString(body);
        } catch (IOException e) {
            throw Failures.rejected("invalid-payload", "Request body cannot be written as JSON", e);
        }
    }

    /** Joins a configured base URL and a path, whatever slashes each brings. */
    public static URI resolve(String baseUrl, String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(base + (path.startsWith("/") ? path : "/" + path));
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
