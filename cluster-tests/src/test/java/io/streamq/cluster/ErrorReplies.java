package io.streamq.cluster;

import io.streamq.testing.RedisTestCluster;

import java.util.List;
import java.util.Set;

/**
 * A node's error replies ({@code INFO errorstats}, by prefix: CROSSSLOT, ERR for "non local key", ...). Tolerated:
 * NOSCRIPT (EVALSHA before the script is cached on that node; the client falls back to EVAL), NOGROUP (a consumer
 * group probed before it is created), MOVED (a redirect the cluster client follows). Anything else (CROSSSLOT,
 * ERR ... non local key, ASK, CLUSTERDOWN, TRYAGAIN, ...) is a failure.
 */
final class ErrorReplies {
    private ErrorReplies() {
    }

    private static final Set<String> TOLERATED = Set.of("NOSCRIPT", "NOGROUP", "MOVED");

    static List<String> of(RedisTestCluster cluster, int port) {
        return cluster.command(port, "INFO", "errorstats").lines().filter(l -> l.startsWith("errorstat_")).toList();
    }

    static List<String> intolerable(List<String> stats) {
        return stats.stream().filter(l -> !TOLERATED.contains(l.substring("errorstat_".length(), l.indexOf(':'))))
                .toList();
    }
}
