package io.streamq.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A real HTTP server playing the AI API, the workflow engine, the plugin registry and plugin endpoints: each test
 * scripts the answer of a path per call (status, JSON body, optional delay and Location) and reads what arrived.
 * The worker-service tests use it, and so does the benchmark as the peers of its six-queue run.
 */
public final class PeerServer implements AutoCloseable {

    public record Request(String method, String path, Map<String, String> headers, String body) {
    }

    public record Answer(int status, String body, long delayMs, String location) {
        public static Answer json(int status, String body) {
            return new Answer(status, body, 0, null);
        }

        public static Answer slow(long delayMs, String body) {
            return new Answer(200, body, delayMs, null);
        }

        public static Answer redirect(String location) {
            return new Answer(302, "", 0, location);
        }
    }

    private final HttpServer server;
    private final Map<String, BiFunction<Integer, Request, Answer>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** Every call, in arrival order; a queue because the benchmark makes tens of thousands (a list copied on write
     * would copy itself on each). */
    private final Queue<Request> received = new ConcurrentLinkedQueue<>();

    /** Serves on {@code host:port}; port 0 takes a free one ({@link #url} tells which). */
    public PeerServer(String host, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
    }

    /** Answers the n-th call (1-based) on {@code path}. */
    public void on(String path, BiFunction<Integer, Request, Answer> answer) {
        routes.put(path, answer);
        calls.remove(path);
    }

    public void onJson(String path, int status, String body) {
        on(path, (n, r) -> Answer.json(status, body));
    }

    public int calls(String path) {
        AtomicInteger n = calls.get(path);
        return n == null ? 0 : n.get();
    }

    public List<Request> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
        Request request = new Request(exchange.getRequestMethod(), path, headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        received.add(request);
        int n = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        BiFunction<Integer, Request, Answer> route = routes.get(path);
        Answer answer = route == null ? Answer.json(404, "{\"error\":\"no route\"}") : route.apply(n, request);
        if (answer.delayMs() > 0) {
            try {
                Thread.sleep(answer.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.location() != null) {
            exchange.getResponseHeaders().add("Location", answer.location());
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (IOException ignored) {
            // the client gave up (timeout test)
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
