package io.streamq.worker.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver that takes its time to process each request and counts a delivery only when it answered a
 * client still waiting for it: a request whose client hung up first (its worker stopped the handler) is counted as
 * aborted, as a receiver that commits only on a completed exchange would treat it. HTTP/1.1 over plain sockets, so
 * the hang-up is seen.
 */
final class AbortAwarePeer implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, IntUnaryOperator> delayByCall = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> arrived = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> aborted = new ConcurrentHashMap<>();

    AbortAwarePeer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::accept);
    }

    /** Processes the n-th request (1-based) on {@code path} for {@code delayMs.applyAsInt(n)} ms before answering. */
    void respond(String path, IntUnaryOperator delayMs) {
        delayByCall.put(path, delayMs);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    int arrived(String path) {
        return count(arrived, path);
    }

    int delivered(String path) {
        return count(delivered, path);
    }

    int aborted(String path) {
        return count(aborted, path);
    }

    private static int count(Map<String, AtomicInteger> counts, String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            String path = reader.readLine().split(" ")[1];
            int length = 0;
            for (String header = reader.readLine(); header != null && !header.isEmpty(); header = reader.readLine()) {
                if (header.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            reader.skip(length);
            int n = arrived.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (!clientWaits(socket, in, delayByCall.getOrDefault(path, call -> 0).applyAsInt(n))) {
                aborted.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                return;
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            delivered.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        } catch (IOException e) {
            // a broken exchange is neither delivered nor counted
        }
    }

    /** Waits {@code ms}, watching for the client to hang up; false if it did. */
    private static boolean clientWaits(Socket socket, InputStream in, int ms) throws IOException {
        long end = System.nanoTime() + ms * 1_000_000L;
        socket.setSoTimeout(20);
        while (System.nanoTime() < end) {
            try {
                if (in.read() < 0) {
                    return false;
                }
            } catch (SocketTimeoutException stillThere) {
                // the client still waits
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
