package io.streamq.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A raw RESP subscriber on one Redis node: {@code SUBSCRIBE} to some channels and collect every published message
 * as {@code channel + " " + payload}, for tests that check what services publish. On Redis Cluster a classic
 * PUBLISH (also from inside a script) is broadcast over the cluster bus, so one node's subscriber sees what scripts
 * on every master published.
 */
public final class RedisSubscriber implements AutoCloseable {

    /** Every message received so far, in arrival order. */
    public final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();
    private final Socket socket;
    private final Thread reader;

    public RedisSubscriber(int port, String... channels) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        String[] subscribe = new String[channels.length + 1];
        subscribe[0] = "SUBSCRIBE";
        System.arraycopy(channels, 0, subscribe, 1, channels.length);
        socket.getOutputStream().write(Resp.encode(subscribe));
        socket.getOutputStream().flush();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        reader = Thread.ofVirtual().start(() -> {
            try {
                while (!socket.isClosed()) {
                    if (Resp.read(in) instanceof List<?> l && l.size() == 3 && "message".equals(l.get(0))) {
                        messages.add(l.get(1) + " " + l.get(2));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // closed
            }
        });
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
