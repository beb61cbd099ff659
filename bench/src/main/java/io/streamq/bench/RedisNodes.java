package io.streamq.bench;

import io.streamq.testing.RedisTestCluster;
import io.streamq.testing.RedisTestServer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Redis the bench measures: one {@link RedisTestServer} or the masters of one {@link RedisTestCluster}. Commands
 * go through {@link RedisTestServer#command(int, String...)} (one short connection per command, replies as text);
 * commands on a key go to the node that owns the key's slot, server-wide ones (CPU, memory, FLUSHALL) to every node.
 */
final class RedisNodes implements AutoCloseable {

    private final String label;
    private final RedisTestServer server;
    private final RedisTestCluster cluster;
    private final List<Integer> ports;
    private final Map<String, Integer> portOfKey = new ConcurrentHashMap<>();

    private RedisNodes(String label, RedisTestServer server, RedisTestCluster cluster, List<Integer> ports) {
        this.label = label;
        this.server = server;
        this.cluster = cluster;
        this.ports = ports;
    }

    static RedisNodes single() {
        RedisTestServer s = new RedisTestServer();
        return new RedisNodes("one Redis", s, null, List.of(s.port()));
    }

    static RedisNodes cluster() {
        RedisTestCluster c = new RedisTestCluster();
        return new RedisNodes("Redis Cluster, " + c.ports().size() + " masters", null, c, c.ports());
    }

    /** "one Redis" or "Redis Cluster, 3 masters". */
    String label() {
        return label;
    }

    boolean isCluster() {
        return cluster != null;
    }

    int nodes() {
        return ports.size();
    }

    /** The services' environment for this Redis. */
    Map<String, String> serviceEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        if (cluster != null) {
            env.put("QUARKUS_REDIS_CLIENT_TYPE", "cluster");
            env.put("QUARKUS_REDIS_HOSTS", cluster.hosts());
        } else {
            env.put("QUARKUS_REDIS_HOSTS", server.uri());
        }
        return env;
    }

    /** The single server's port (or the first master's). */
    int port() {
        return ports.getFirst();
    }

    String describe() {
        return cluster != null ? cluster.hosts() : server.uri();
    }

    /** One command on the node that owns {@code key}: the reply as {@link RedisTestServer#command} gives it. */
    String onKey(String key, String... args) {
        return RedisTestServer.command(portFor(key), args);
    }

    /** One command on the single server (or the first master: only for commands without keys). */
    String command(String... args) {
        return RedisTestServer.command(ports.getFirst(), args);
    }

    private int portFor(String key) {
        return cluster == null ? ports.getFirst() : portOfKey.computeIfAbsent(key, cluster::portOfKey);
    }

    long hashLong(String key, String field) {
        return parseLong(onKey(key, "HGET", key, field));
    }

    long integer(String key, String... args) {
        return parseLong(onKey(key, args));
    }

    /** HGETALL as a map sorted by field (values must not contain line breaks: counters). */
    Map<String, String> hashAll(String key) {
        String reply = onKey(key, "HGETALL", key);
        Map<String, String> unsorted = new HashMap<>();
        if (reply != null && !reply.isEmpty()) {
            String[] items = reply.split("\n", -1);
            for (int i = 0; i + 1 < items.length; i += 2) {
                unsorted.put(items[i], items[i + 1]);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        unsorted.keySet().stream().sorted().forEach(k -> out.put(k, unsorted.get(k)));
        return out;
    }

    /** {@code INFO section} of one node as field to value. */
    private static Map<String, String> info(int port, String section) {
        Map<String, String> fields = new HashMap<>();
        for (String line : RedisTestServer.command(port, "INFO", section).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    /** {@code used_memory}, summed over the nodes. */
    long usedMemory() {
        long sum = 0;
        for (int port : ports) {
            sum += Long.parseLong(info(port, "memory").get("used_memory"));
        }
        return sum;
    }

    /** CPU seconds (system plus user) the server(s) used so far, summed over the nodes. */
    double cpuSeconds() {
        double sum = 0;
        for (int port : ports) {
            Map<String, String> cpu = info(port, "cpu");
            sum += Double.parseDouble(cpu.get("used_cpu_sys")) + Double.parseDouble(cpu.get("used_cpu_user"));
        }
        return sum;
    }

    /** Starts {@link #commandTimes()} afresh on every node ({@code CONFIG RESETSTAT}). */
    void resetCommandStats() {
        for (int port : ports) {
            RedisTestServer.command(port, "CONFIG", "RESETSTAT");
        }
    }

    /**
     * Command time since the last reset, summed over the nodes, most first ({@code INFO commandstats}). A script's
     * time includes the commands it called, which are listed again on their own.
     */
    List<Results.CommandTime> commandTimes() {
        Map<String, long[]> sums = new HashMap<>();
        for (int port : ports) {
            info(port, "commandstats").forEach((name, value) -> {
                long calls = 0;
                long usec = 0;
                for (String part : value.split(",")) {
                    if (part.startsWith("calls=")) {
                        calls = parseLong(part.substring(6));
                    } else if (part.startsWith("usec=")) {
                        usec = parseLong(part.substring(5));
                    }
                }
                long[] sum = sums.computeIfAbsent(name.replaceFirst("^cmdstat_", ""), k -> new long[2]);
                sum[0] += calls;
                sum[1] += usec;
            });
        }
        return sums.entrySet().stream().map(e -> new Results.CommandTime(e.getKey(), e.getValue()[0],
                e.getValue()[1])).sorted(java.util.Comparator.comparingLong(Results.CommandTime::usec).reversed())
                .toList();
    }

    /** Empties every database of every node and waits until the memory is given back. */
    void flushAll() {
        for (int port : ports) {
            RedisTestServer.command(port, "FLUSHALL", "SYNC");
        }
    }

    /** What the server(s) printed. */
    String output() {
        return cluster != null ? cluster.output() : server.output();
    }

    static long parseLong(String s) {
        try {
            return s == null || s.isBlank() ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        } else {
            server.close();
        }
    }
}
