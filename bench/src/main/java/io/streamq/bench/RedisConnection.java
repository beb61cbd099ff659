package io.streamq.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One persistent RESP2 connection to the bench's own Redis on 127.0.0.1, with pipelining. Replies: String for simple
 * and bulk strings, Long for integers, null for nil, List for arrays, {@link RedisError} for errors.
 */
final class RedisConnection implements AutoCloseable {

    private static final int TIMEOUT_MS = 15_000;
    /** Commands written before their replies are read; bounds what either side buffers. */
    private static final int PIPELINE_CHUNK = 1_000;

    private final Socket socket;
    private final BufferedOutputStream out;
    private final InputStream in;

    RedisConnection(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to redis on 127.0.0.1:" + port, e);
        }
    }

    static final class RedisError extends RuntimeException {
        RedisError(String message) {
            super(message);
        }
    }

    /** One command; an error reply throws. */
    synchronized Object call(String... args) {
        Object reply = pipeline(List.<String[]>of(args)).getFirst();
        if (reply instanceof RedisError e) {
            throw e;
        }
        return reply;
    }

    String text(String... args) {
        Object reply = call(args);
        return reply == null ? null : reply.toString();
    }

    /** Many commands, in chunks; replies in order, errors as {@link RedisError} values. */
    synchronized List<Object> pipeline(List<String[]> commands) {
        List<Object> replies = new ArrayList<>(commands.size());
        try {
            for (int from = 0; from < commands.size(); from += PIPELINE_CHUNK) {
                int to = Math.min(commands.size(), from + PIPELINE_CHUNK);
                for (int i = from; i < to; i++) {
                    write(commands.get(i));
                }
                out.flush();
                for (int i = from; i < to; i++) {
                    replies.add(read());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("redis I/O failed: " + e.getMessage(), e);
        }
        return replies;
    }

    /** {@code INFO section} as field to value. */
    Map<String, String> info(String section) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text("INFO", section).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    long usedMemory() {
        return Long.parseLong(info("memory").get("used_memory"));
    }

    /** CPU seconds the server used so far, system plus user. */
    double cpuSeconds() {
        Map<String, String> cpu = info("cpu");
        return Double.parseDouble(cpu.get("used_cpu_sys")) + Double.parseDouble(cpu.get("used_cpu_user"));
    }

    /** Empties every database and waits until the memory is given back. */
    void flushAll() {
        call("FLUSHALL", "SYNC");
    }

    long hashLong(String key, String field) {
        String value = text("HGET", key, field);
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }

    private void write(String[] args) throws IOException {
        out.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write('\r');
            out.write('\n');
        }
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed");
        }
        String line = line();
        return switch (type) {
            case '+' -> line;
            case '-' -> new RedisError(line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    yield null;
                }
                byte[] data = in.readNBytes(len);
                if (data.length != len) {
                    throw new IOException("connection closed in a bulk string");
                }
                line();
                yield new String(data, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read());
                }
                yield items;
            }
            default -> throw new IOException("unexpected RESP type '" + (char) type + "'");
        };
    }

    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(32);
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in a reply line");
            }
            if (prev == '\r' && b == '\n') {
                byte[] bytes = buf.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            buf.write(b);
            prev = b;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
