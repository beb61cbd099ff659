package io.streamq.worker.engine;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This instance's consumer name. Unique per process start, so a restarted worker never mistakes the
 * pending entries of its crashed predecessor for its own: those are recovered through the visibility timeout.
 */
@ApplicationScoped
public class WorkerIdentity {
    private final String host = hostName();
    private final String id = host + "-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private final long startedAt = System.currentTimeMillis();

    public String id() {
        return id;
    }

    public String host() {
        return host;
    }

    public long startedAt() {
        return startedAt;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
