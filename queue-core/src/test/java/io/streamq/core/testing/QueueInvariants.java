package io.streamq.core.testing;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks the invariant every transition script keeps (docs/architecture.md, "The invariant"): one job, one state;
 * a waiting job has exactly one stream entry, undelivered, and names it as its {@code entry}; an active job has
 * exactly one pending entry, its {@code entry}, held by its {@code worker}; delayed, completed and failed jobs are in
 * exactly their index and have no entry in the stream; every stream entry and index member belongs to such a job;
 * the live counters equal what the stream and indexes hold; the limits hash holds only well-formed limits. Reads the whole queue: for tests on small data only.
 */
public final class QueueInvariants {

    private static final Set<String> STATES = Set.of("waiting", "active", "delayed", "completed", "failed");

    private final Function<String[], Response> redis;

    private QueueInvariants(Function<String[], Response> redis) {
        this.redis = redis;
    }

    public static QueueInvariants of(RedisDataSource redis) {
        return new QueueInvariants(args -> redis.execute(args[0], Arrays.copyOfRange(args, 1, args.length)));
    }

    /** For tests without a Quarkus application: a plain Vert.x client on the given Redis. */
    public static QueueInvariants of(Redis redis) {
        return new QueueInvariants(args -> {
            Request request = Request.cmd(Command.create(args[0]));
            for (int i = 1; i < args.length; i++) {
                request.arg(args[i]);
            }
            return redis.send(request).await().atMost(Duration.ofSeconds(10));
        });
    }

    /** Throws an AssertionError listing every violation in the queue. */
    public void assertHolds(QueueName queue) {
        List<String> violations = violations(queue);
        if (!violations.isEmpty()) {
            throw new AssertionError("Queue " + queue.wireName() + " breaks the invariant:\n  "
                    + String.join("\n  ", violations));
        }
    }

    public List<String> violations(QueueName queue) {
        QueueKeys k = QueueKeys.of(queue);
        List<String> out = new ArrayList<>();
        Map<String, Map<String, String>> jobs = jobs(k);
        Map<String, String> entryToJob = new HashMap<>();
        for (Response e : call("XRANGE", k.stream(), "-", "+")) {
            entryToJob.put(e.get(0).toString(), fields(e.get(1)).get("j"));
        }
        String lastDelivered = lastDelivered(k);
        Map<String, String> pendingOwner = new HashMap<>();
        if (lastDelivered != null) {
            for (Response p : call("XPENDING", k.stream(), QueueKeys.CONSUMER_GROUP, "-", "+", "1000000")) {
                pendingOwner.put(p.get(0).toString(), p.get(1).toString());
            }
        }
        Map<String, Set<String>> index = Map.of(
                "delayed", members(k.delayed()), "completed", members(k.completed()), "failed", members(k.failed()));

        Map<String, Integer> byState = new HashMap<>();
        for (var job : jobs.entrySet()) {
            String id = job.getKey();
            Map<String, String> h = job.getValue();
            String state = h.get("state");
            if (!STATES.contains(state)) {
                out.add(id + ": state " + state);
                continue;
            }
            byState.merge(state, 1, Integer::sum);
            if (call("EXISTS", k.payload(id)).toInteger() == 0) {
                out.add(id + ": no payload key");
            }
            index.forEach((name, ids) -> {
                if (ids.contains(id) != name.equals(state)) {
                    out.add(id + ": " + state + " but " + (ids.contains(id) ? "in" : "not in") + " the " + name
                            + " index");
                }
            });
            List<String> entries = entryToJob.entrySet().stream().filter(e -> id.equals(e.getValue()))
                    .map(Map.Entry::getKey).toList();
            String entry = h.get("entry");
            switch (state) {
                case "waiting" -> {
                    if (!entries.equals(List.of(String.valueOf(entry)))) {
                        out.add(id + ": waiting with entry " + entry + " but stream entries " + entries);
                    } else if (pendingOwner.containsKey(entry) || !after(entry, lastDelivered)) {
                        out.add(id + ": waiting but its entry " + entry + " was delivered");
                    }
                }
                case "active" -> {
                    if (!entries.equals(List.of(String.valueOf(entry)))) {
                        out.add(id + ": active with entry " + entry + " but stream entries " + entries);
                    } else if (!String.valueOf(h.get("worker")).equals(pendingOwner.get(entry))) {
                        out.add(id + ": active under " + h.get("worker") + " but entry " + entry + " is pending for "
                                + pendingOwner.get(entry));
                    }
                }
                default -> {
                    if (!entries.isEmpty()) {
                        out.add(id + ": " + state + " but stream entries " + entries + " name it");
                    }
                }
            }
        }
        entryToJob.forEach((entry, jobId) -> {
            if (!jobs.containsKey(jobId)) {
                out.add("stream entry " + entry + " names " + jobId + ", which does not exist");
            }
        });
        pendingOwner.keySet().stream().filter(e -> !entryToJob.containsKey(e))
                .forEach(e -> out.add("pending entry " + e + " is not in the stream"));
        index.forEach((name, ids) -> ids.stream().filter(id -> !jobs.containsKey(id))
                .forEach(id -> out.add(name + " index holds " + id + ", which does not exist")));

        Response counts = call("HMGET", k.counts(), "waiting", "active");
        expectCount(out, "waiting", counts.get(0), byState.getOrDefault("waiting", 0));
        expectCount(out, "active", counts.get(1), byState.getOrDefault("active", 0));
        limits(k, out);
        return out;
    }

    /** The limits hash holds only the owner's overrides, each readable by claim-limits.lua, and the rate bucket. */
    private void limits(QueueKeys k, List<String> out) {
        fields(call("HGETALL", k.limits())).forEach((field, value) -> {
            boolean readable = switch (field) {
                case "rate" -> value.equals("none") || value.matches("[1-9]\\d*/[1-9]\\d*");
                case "maxActive" -> value.equals("none") || value.matches("[1-9]\\d*");
                case "tat" -> value.matches("\\d+(\\.\\d+)?");
                default -> false;
            };
            if (!readable) {
                out.add("limits." + field + " is " + value);
            }
        });
    }

    private static void expectCount(List<String> out, String name, Response counter, int actual) {
        long value = counter == null ? 0 : Long.parseLong(counter.toString());
        if (value != actual) {
            out.add("counts." + name + " is " + value + " but " + actual + " jobs are " + name);
        }
    }

    private Map<String, Map<String, String>> jobs(QueueKeys k) {
        Map<String, Map<String, String>> jobs = new HashMap<>();
        String cursor = "0";
        do {
            Response page = call("SCAN", cursor, "MATCH", k.jobPrefix() + "*", "COUNT", "1000");
            cursor = page.get(0).toString();
            for (Response key : page.get(1)) {
                String name = key.toString();
                if (!name.endsWith(":payload")) {
                    jobs.put(name.substring(k.jobPrefix().length()), fields(call("HGETALL", name)));
                }
            }
        } while (!"0".equals(cursor));
        // A payload without its hash is a half-removed job.
        for (String id : payloadOrphans(k, jobs.keySet())) {
            jobs.put(id, Map.of("state", "payload-without-hash"));
        }
        return jobs;
    }

    private Set<String> payloadOrphans(QueueKeys k, Set<String> ids) {
        Set<String> orphans = new HashSet<>();
        String cursor = "0";
        do {
            Response page = call("SCAN", cursor, "MATCH", k.jobPrefix() + "*:payload", "COUNT", "1000");
            cursor = page.get(0).toString();
            for (Response key : page.get(1)) {
                String name = key.toString();
                String id = name.substring(k.jobPrefix().length(), name.length() - ":payload".length());
                if (!ids.contains(id)) {
                    orphans.add(id);
                }
            }
        } while (!"0".equals(cursor));
        return orphans;
    }

    private String lastDelivered(QueueKeys k) {
        if (call("EXISTS", k.stream()).toInteger() == 0) {
            return null;
        }
        for (Response g : call("XINFO", "GROUPS", k.stream())) {
            Map<String, String> info = fields(g);
            if (QueueKeys.CONSUMER_GROUP.equals(info.get("name"))) {
                return info.get("last-delivered-id");
            }
        }
        return null;
    }

    private Set<String> members(String key) {
        Set<String> ids = new HashSet<>();
        call("ZRANGE", key, "0", "-1").forEach(r -> ids.add(r.toString()));
        return ids;
    }

    /** A flat field/value array (RESP2) or a map (RESP3) as a map. */
    private static Map<String, String> fields(Response r) {
        Map<String, String> m = new HashMap<>();
        if (r == null) {
            return m;
        }
        if (r.isMap()) {
            for (String key : r.getKeys()) {
                Response v = r.get(key);
                m.put(key, v == null ? null : v.toString());
            }
            return m;
        }
        for (int i = 0; i + 1 < r.size(); i += 2) {
            Response v = r.get(i + 1);
            m.put(r.get(i).toString(), v == null ? null : v.toString());
        }
        return m;
    }

    /** Stream ids compare as (ms, seq). */
    private static boolean after(String id, String lastDelivered) {
        if (lastDelivered == null) {
            return true;
        }
        String[] a = id.split("-");
        String[] b = lastDelivered.split("-");
        int ms = Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0]));
        return ms != 0 ? ms > 0 : Long.parseLong(a[1]) > Long.parseLong(b[1]);
    }

    private Response call(String... args) {
        return redis.apply(args);
    }
}
