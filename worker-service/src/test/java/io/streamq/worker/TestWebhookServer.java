package io.streamq.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/** A real HTTP receiver on a free loopback port whose answers each test scripts per path. */
public final class TestWebhookServer implements AutoCloseable {

    public record Delivery(String path, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final Map<String, IntUnaryOperator> statusByCall = new ConcurrentHashMap<>();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseBlocked = new CountDownLatch(1);

    public TestWebhookServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers the n-th call (1-based) on {@code path} with {@code status.applyAsInt(n)}. */
    public void respond(String path, IntUnaryOperator status) {
        statusByCall.put(path, status);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int calls(String path) {
        return calls.getOrDefault(path, 0);
    }

    public List<Delivery> deliveries(String path) {
        return deliveries.stream().filter(d -> d.path().equals(path)).toList();
    }

    /** Calls on a path answered with status 0 hang until this is called. */
    public void releaseBlocked() {
        releaseBlocked.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
        deliveries.add(new Delivery(path, headers, body));
        int n = calls.merge(path, 1, Integer::sum);
        int status = statusByCall.getOrDefault(path, call -> 404).applyAsInt(n);
        if (status == 0) {
            try {
                releaseBlocked.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status = 200;
        } else if (status < 0) {
            sleep(-status);
            status = 200;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        releaseBlocked.countDown();
        server.stop(0);
    }
}
