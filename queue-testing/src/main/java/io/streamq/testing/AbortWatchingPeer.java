package io.streamq.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP peer on a free loopback port that never answers: it reads each request and then watches its
 * connection, so a test can see the moment the caller gives up on the call (the connection closed under it).
 */
public final class AbortWatchingPeer implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private final CompletableFuture<Long> firstRequestAt = new CompletableFuture<>();
    private final CompletableFuture<Long> firstAbortAt = new CompletableFuture<>();

    public AbortWatchingPeer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::accept);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    public int requests() {
        return requests.get();
    }

    /** Completes with System.nanoTime() when the first request has been read. */
    public CompletableFuture<Long> firstRequestAt() {
        return firstRequestAt;
    }

    /** Completes with System.nanoTime() when the caller closed the connection of a request it was waiting on. */
    public CompletableFuture<Long> firstAbortAt() {
        return firstAbortAt;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> hold(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void hold(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            readRequest(in);
            requests.incrementAndGet();
            firstRequestAt.complete(System.nanoTime());
            // No answer: the only way this read ends is the caller closing the connection.
            while (in.read() >= 0) {
                // a well-behaved client sends nothing more; anything it does is ignored
            }
            firstAbortAt.complete(System.nanoTime());
        } catch (IOException e) {
            firstAbortAt.complete(System.nanoTime());
        }
    }

    /** Reads the head and a Content-Length body. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the request ended");
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("closed before the body ended: " + new String(body, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
