package io.streamq.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JDK WebSocket client that records every frame it receives, for the tests. */
final class WsClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** How a connection attempt ended: a client, or the HTTP status of the refused upgrade. */
    record Attempt(WsClient client, int refusedStatus) {
        boolean accepted() {
            return client != null;
        }
    }

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private WebSocket socket;

    static WsClient connect(URI uri, String token) {
        Attempt a = attempt(uri, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), List.of());
        if (!a.accepted()) {
            throw new AssertionError("upgrade refused with " + a.refusedStatus());
        }
        return a.client();
    }

    static Attempt attempt(URI uri, Map<String, String> headers, List<String> subprotocols) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size())
                    .toArray(String[]::new));
        }
        try {
            client.socket = builder.buildAsync(ws(uri), client.listener()).join();
            return new Attempt(client, 0);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return new Attempt(null, h.getResponse().statusCode());
            }
            throw e;
        }
    }

    static URI ws(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /**
     * Sends {@code text} as one message of {@code fragments} frames, until the server stops reading: a write the
     * server cut short (it closed the connection) ends the sending, not the test.
     */
    void sendFragmented(String text, int fragments) {
        int size = text.length() / fragments;
        try {
            for (int i = 0; i < fragments; i++) {
                boolean last = i == fragments - 1;
                socket.sendText(last ? text.substring(i * size) : text.substring(i * size, (i + 1) * size), last)
                        .join();
            }
        } catch (CompletionException closedMeanwhile) {
            // The server closed the connection; the close code says why.
        }
    }

    /** Like {@link #send}, but a send refused because the server closed the connection meanwhile is ignored. */
    void sendUnlessClosed(String text) {
        try {
            send(text);
        } catch (CompletionException | IllegalStateException closedMeanwhile) {
            // The server closed the connection; the close code says why.
        }
    }

    void sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
    }

    /** The next frame, or null after {@code timeout}. */
    JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode frame = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame != null) {
            seen.add(frame);
        }
        return frame;
    }

    /** Reads frames until one matches; fails after {@code timeout}. Skipped frames stay in {@link #seen()}. */
    JsonNode await(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame != null && match.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("no matching frame within " + timeout + "; seen: " + seen);
    }

    /** A frame already read that matches, else the next one that does: for frames whose mutual order is free. */
    JsonNode awaitSeen(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        for (JsonNode frame : seen) {
            if (match.test(frame)) {
                return frame;
            }
        }
        return await(match, timeout);
    }

    /** Every frame read so far through {@link #next} / {@link #await}. */
    List<JsonNode> seen() {
        return seen;
    }

    /** The close code the server sent, waiting up to {@code timeout}. */
    int awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The reason text of the server's close frame, once {@link #awaitClose} returned its code. */
    String closeReason() {
        return closeReason;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    static Predicate<JsonNode> type(String type) {
        return f -> type.equals(f.path("type").asText());
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        if (socket != null) {
            socket.abort();
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        inbox.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        inbox.add(JSON.getNodeFactory().textNode(partial.toString()));
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeReason = reason;
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
    }
}
