package io.streamq.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real three-master Redis Cluster on free loopback ports (no replicas, no persistence, private temp dir).
 *
 * <p>Each master runs {@code redis-server --cluster-enabled yes} on a port P whose cluster bus port P+10000 is free
 * too; {@code redis-cli --cluster create ... --cluster-replicas 0 --cluster-yes} splits the 16,384 slots between
 * them, and the constructor returns once every node reports {@code cluster_state:ok} and sees three masters. The
 * binaries come from {@code REDIS_SERVER_BIN} / {@code REDIS_CLI_BIN}, else {@code redis-server} / {@code redis-cli}
 * on the PATH. {@link #close()} stops every node and deletes the temp dir.
 *
 * <pre>{@code
 * try (RedisTestCluster cluster = new RedisTestCluster()) {
 *     String hosts = cluster.hosts();   // quarkus.redis.hosts, with quarkus.redis.client-type=cluster
 * }
 * }</pre>
 */
public final class RedisTestCluster implements AutoCloseable {

    public static final String CLI_ENV = "REDIS_CLI_BIN";
    public static final int MASTERS = 3;
    private static final int BUS_OFFSET = 10_000;
    private static final long NODE_START_TIMEOUT_MS = 10_000;
    private static final long CREATE_TIMEOUT_MS = 30_000;
    private static final long STATE_OK_TIMEOUT_MS = 30_000;

    private final List<Node> nodes = new ArrayList<>();
    private final Path dir;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private record Node(int port, Process process, Path log) {
    }

    /** Starts the three masters, creates the cluster and waits (bounded) for {@code cluster_state:ok} on each. */
    public RedisTestCluster() {
        String server = binary(RedisTestServer.BIN_ENV, "redis-server");
        String cli = binary(CLI_ENV, "redis-cli");
        try {
            this.dir = Files.createTempDirectory("streamq-redis-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir for the cluster", e);
        }
        this.shutdownHook = new Thread(this::destroyAll, "redis-test-cluster-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            Set<Integer> taken = new HashSet<>();
            for (int i = 0; i < MASTERS; i++) {
                nodes.add(startNode(server, taken));
            }
            createCluster(cli);
            awaitStateOk();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Same as {@code new RedisTestCluster()}. */
    public static RedisTestCluster start() {
        return new RedisTestCluster();
    }

    private static String binary(String env, String fallback) {
        String bin = System.getenv(env);
        return bin == null || bin.isBlank() ? fallback : bin;
    }

    // ---------------------------------------------------------------- start

    private Node startNode(String bin, Set<Integer> taken) {
        IllegalStateException last = null;
        // A port can be taken between probing and binding; redis-server then exits at once and a new one is tried.
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freeClusterPort(taken);
            taken.add(port);
            Path nodeDir = dir.resolve(Integer.toString(port));
            try {
                Files.createDirectories(nodeDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path log = nodeDir.resolve("redis-server.out");
            List<String> cmd = List.of(bin,
                    "--port", Integer.toString(port),
                    "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", "5000",
                    "--save", "",
                    "--appendonly", "no",
                    "--dir", nodeDir.toString());
            Process p;
            try {
                p = new ProcessBuilder(cmd).directory(nodeDir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run '" + bin + "' (install redis-server or set "
                        + RedisTestServer.BIN_ENV + "): " + e.getMessage(), e);
            }
            Node node = new Node(port, p, log);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NODE_START_TIMEOUT_MS);
            boolean up = false;
            while (System.nanoTime() < deadline && p.isAlive()) {
                try {
                    if ("PONG".equals(RedisTestServer.command(port, "PING"))) {
                        up = true;
                        break;
                    }
                } catch (RuntimeException e) {
                    // not listening yet
                }
                TestProcesses.sleep(50, "the cluster");
            }
            if (up) {
                return node;
            }
            TestProcesses.stop(p, 5, 5);
            last = new IllegalStateException("cluster node on port " + port + " did not start. Output:\n"
                    + TestProcesses.read(log));
        }
        throw last;
    }

    /** A loopback port P, not in {@code taken}, with P and P+10000 (the cluster bus) both free right now. */
    static int freeClusterPort(Set<Integer> taken) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = RedisTestServer.freePort();
            int bus = port + BUS_OFFSET;
            if (bus > 65_535 || taken.contains(port) || taken.contains(bus) || taken.contains(port - BUS_OFFSET)) {
                continue;
            }
            if (isFree(bus)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port P with P+" + BUS_OFFSET + " free after 200 tries");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void createCluster(String cli) {
        List<String> cmd = new ArrayList<>(List.of(cli, "--cluster", "create"));
        for (Node n : nodes) {
            cmd.add("127.0.0.1:" + n.port());
        }
        cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Path log = dir.resolve("cluster-create.out");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + cli + "' (install redis-tools or set " + CLI_ENV + "): "
                    + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(CREATE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                TestProcesses.stop(p, 5, 5);
                throw new IllegalStateException("redis-cli --cluster create did not finish within " + CREATE_TIMEOUT_MS
                        + " ms. Output:\n" + TestProcesses.read(log));
            }
        } catch (InterruptedException e) {
            TestProcesses.stop(p, 5, 5);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the cluster", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create exited with " + p.exitValue() + ". Output:\n"
                    + TestProcesses.read(log));
        }
    }

    private void awaitStateOk() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STATE_OK_TIMEOUT_MS);
        String last = "";
        while (System.nanoTime() < deadline) {
            boolean allOk = true;
            for (Node n : nodes) {
                try {
                    String info = RedisTestServer.command(n.port(), "CLUSTER", "INFO");
                    last = n.port() + ": " + info;
                    if (!info.contains("cluster_state:ok") || mastersWithSlots(n.port()).size() != MASTERS) {
                        allOk = false;
                        break;
                    }
                } catch (RuntimeException e) {
                    last = n.port() + ": " + e.getMessage();
                    allOk = false;
                    break;
                }
            }
            if (allOk) {
                return;
            }
            TestProcesses.sleep(100, "the cluster");
        }
        throw new IllegalStateException("the cluster did not reach cluster_state:ok on every node within "
                + STATE_OK_TIMEOUT_MS + " ms; last: " + last);
    }

    // ---------------------------------------------------------------- access

    /** The masters' URIs, {@code redis://127.0.0.1:P}, in start order. */
    public List<String> nodeUris() {
        return ports().stream().map(p -> "redis://127.0.0.1:" + p).toList();
    }

    /** The node URIs comma-separated: the value of {@code quarkus.redis.hosts} in cluster mode. */
    public String hosts() {
        return String.join(",", nodeUris());
    }

    /** The masters' ports, in start order. */
    public List<Integer> ports() {
        return nodes.stream().map(Node::port).toList();
    }

    /** One command against one node (see {@link RedisTestServer#command(int, String...)} for the reply format). */
    public String command(int port, String... args) {
        return RedisTestServer.command(port, args);
    }

    /** {@code CLUSTER KEYSLOT key}. */
    public int keySlot(String key) {
        return Integer.parseInt(RedisTestServer.command(nodes.getFirst().port(), "CLUSTER", "KEYSLOT", key).trim());
    }

    /** The port of the master that serves {@code slot}, from {@code CLUSTER NODES}. */
    public int portOfSlot(int slot) {
        for (Map.Entry<Integer, List<int[]>> master : mastersWithSlots(nodes.getFirst().port()).entrySet()) {
            for (int[] range : master.getValue()) {
                if (slot >= range[0] && slot <= range[1]) {
                    return master.getKey();
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /** The port of the master that holds {@code key}. */
    public int portOfKey(String key) {
        return portOfSlot(keySlot(key));
    }

    /** Every key on one node ({@code KEYS *}; test data only). */
    public List<String> keysOn(int port) {
        String reply = RedisTestServer.command(port, "KEYS", "*");
        if (reply == null || reply.isEmpty()) {
            return List.of();
        }
        return List.of(reply.split("\n"));
    }

    /** master port → its slot ranges, as {@code port}'s {@code CLUSTER NODES} sees it. */
    public Map<Integer, List<int[]>> mastersWithSlots(int port) {
        Map<Integer, List<int[]>> masters = new LinkedHashMap<>();
        for (String line : RedisTestServer.command(port, "CLUSTER", "NODES").split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 8 || !f[2].contains("master")) {
                continue;
            }
            String addr = f[1];
            int at = addr.indexOf('@');
            int p = Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1, at < 0 ? addr.length() : at));
            List<int[]> ranges = new ArrayList<>();
            for (int i = 8; i < f.length; i++) {
                if (f[i].startsWith("[")) {
                    continue; // a slot in migration
                }
                String[] r = f[i].split("-");
                int from = Integer.parseInt(r[0]);
                ranges.add(new int[] {from, r.length > 1 ? Integer.parseInt(r[1]) : from});
            }
            if (!ranges.isEmpty()) {
                masters.put(p, ranges);
            }
        }
        return masters;
    }

    /** What every node printed so far. */
    public String output() {
        StringBuilder out = new StringBuilder();
        for (Node n : nodes) {
            out.append("--- node ").append(n.port()).append('\n').append(TestProcesses.read(n.log()));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- stop

    /** Stops every node (TERM, then KILL) and deletes the temp dir. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down
        }
        TestProcesses.deleteTreeQuietly(dir);
    }

    private void destroyAll() {
        for (Node n : nodes) {
            n.process().destroy();
        }
        for (Node n : nodes) {
            TestProcesses.stop(n.process(), 5, 5);
        }
    }

    @Override
    public String toString() {
        return "RedisTestCluster[" + hosts() + "]";
    }
}
