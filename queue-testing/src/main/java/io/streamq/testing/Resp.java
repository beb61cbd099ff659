package io.streamq.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one RESP (Redis protocol) codec of this module, used by {@link RedisTestServer} (and so by
 * {@link RedisTestCluster}) for commands and by {@link RedisSubscriber} for pushed messages.
 */
final class Resp {

    /** An error reply ({@code -ERR ...}), kept apart from a simple string with the same text. */
    record Error(String message) {
    }

    private Resp() {
    }

    /** One command over a fresh loopback connection; the reply as {@link RedisTestServer#command(String...)} says. */
    static String command(int port, int timeoutMs, String... args) {
        return flatten(call(port, timeoutMs, args));
    }

    /** One command over a fresh loopback connection; the reply as {@link #read} gives it, an error reply thrown. */
    static Object call(int port, int timeoutMs, String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            OutputStream out = socket.getOutputStream();
            out.write(encode(args));
            out.flush();
            Object reply = read(new BufferedInputStream(socket.getInputStream()));
            if (reply instanceof Error e) {
                throw new IllegalStateException(e.message());
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException("redis command " + args[0] + " on 127.0.0.1:" + port + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** A command as a RESP array of bulk strings. */
    static byte[] encode(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        writeAscii(buf, "*" + args.length + "\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            writeAscii(buf, "$" + bytes.length + "\r\n");
            buf.writeBytes(bytes);
            writeAscii(buf, "\r\n");
        }
        return buf.toByteArray();
    }

    private static void writeAscii(ByteArrayOutputStream buf, String s) {
        buf.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * One reply: simple strings, integers (in decimal) and bulk strings as {@code String}, nil as {@code null}, an
     * error as {@link Error}, an array as a {@code List} of such values.
     */
    static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed before a reply");
        }
        String line = readLine(in);
        switch (type) {
            case '+', ':':
                return line;
            case '-':
                return new Error(line);
            case '$': {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(len);
                if (data.length != len) {
                    throw new IOException("connection closed in a bulk string");
                }
                readLine(in); // trailing CRLF
                return new String(data, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("unexpected RESP type byte '" + (char) type + "' followed by: " + line);
        }
    }

    /** Arrays one element per line (nested ones too; nil elements as empty lines, errors as their text). */
    private static String flatten(Object reply) {
        if (reply instanceof List<?> items) {
            List<String> lines = new ArrayList<>(items.size());
            for (Object item : items) {
                String text = flatten(item);
                lines.add(text == null ? "" : text);
            }
            return String.join("\n", lines);
        }
        return reply instanceof Error e ? e.message() : (String) reply;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in a reply line");
            }
            if (prev == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            prev = b;
        }
    }
}
