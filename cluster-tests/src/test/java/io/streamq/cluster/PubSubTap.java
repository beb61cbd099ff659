package io.streamq.cluster;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A raw RESP subscriber on ONE cluster node: {@code SUBSCRIBE} to some channels and collect every published message
 * as {@code channel + " " + payload}. On Redis Cluster a classic PUBLISH (also from inside a script) is broadcast over
 * the cluster bus, so one node's subscriber sees what scripts on every master published.
 */
final class PubSubTap implements AutoCloseable {

    final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();
    private final Socket socket;
    private final Thread reader;

    PubSubTap(int port, String... channels) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        StringBuilder cmd = new StringBuilder("*" + (channels.length + 1) + "\r\n$9\r\nSUBSCRIBE\r\n");
        for (String c : channels) {
            cmd.append('$').append(c.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(c).append("\r\n");
        }
        socket.getOutputStream().write(cmd.toString().getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        reader = Thread.ofVirtual().start(() -> {
            try {
                while (!socket.isClosed()) {
                    Object frame = read(in);
                    if (frame instanceof List<?> l && l.size() == 3 && "message".equals(l.get(0))) {
                        messages.add(l.get(1) + " " + l.get(2));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // closed
            }
        });
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("closed");
        }
        String line = line(in);
        switch (type) {
            case '*' -> {
                int n = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(read(in));
                }
                return items;
            }
            case '$' -> {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(n);
                line(in);
                return new String(data, StandardCharsets.UTF_8);
            }
            default -> {
                return line;
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed");
            }
            if (prev == '\r' && c == '\n') {
                byte[] bytes = b.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            b.write(c);
            prev = c;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
