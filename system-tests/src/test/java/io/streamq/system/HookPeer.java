package io.streamq.system;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The plugin endpoint that {@code plugin.execute-hook} jobs call: it takes {@code workMs} per call (a job that does
 * real work) and records every delivery by the job id and attempt the worker sends, so a test can tell a job sent
 * twice from one sent once.
 */
final class HookPeer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<Integer>> deliveries = new ConcurrentHashMap<>();

    HookPeer(long workMs) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String jobId = exchange.getRequestHeaders().getFirst("X-Streamq-Job-Id");
            int attempt = Integer.parseInt(exchange.getRequestHeaders().getFirst("X-Streamq-Attempt"));
            deliveries.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(attempt);
            try {
                Thread.sleep(workMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The attempts that reached this peer, per job id. */
    Map<String, List<Integer>> deliveries() {
        return Map.copyOf(deliveries);
    }

    int deliveryCount() {
        return deliveries.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
