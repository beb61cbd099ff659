package io.streamq.core.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP pass-through to a redis-server on loopback that can cut its client connections the way a network fault does:
 * with a reset (RST), not the orderly close Redis's CLIENT KILL sends. A client sees an exception and an end for one
 * such connection.
 */
final class ResettingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<Socket> upstreams = new CopyOnWriteArrayList<>();

    ResettingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("resetting-proxy").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Resets every client connection open now. */
    void resetAll() {
        for (Socket c : clients) {
            try {
                c.setSoLinger(true, 0);
                c.close();
            } catch (IOException ignored) {
                // gone already
            }
        }
        clients.clear();
        upstreams.forEach(ResettingProxy::quietClose);
        upstreams.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                clients.add(client);
                upstreams.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon().start(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side ended
            } finally {
                quietClose(from);
                quietClose(to);
            }
        });
    }

    private static void quietClose(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closed already
        }
    }

    @Override
    public void close() {
        resetAll();
        try {
            server.close();
        } catch (IOException ignored) {
            // closed already
        }
    }
}
