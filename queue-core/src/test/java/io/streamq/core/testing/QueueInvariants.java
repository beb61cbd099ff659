package io.streamq.core.testing;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks the invariant every transition script keeps (docs/architecture.md, "The invariant"): one job, one state;
 * a waiting job of priority 5 has exactly one stream entry, undelivered, and names it as its {@code entry}; a waiting
 * job of another priority has no entry anywhere and is in the prioritized set once, at its priority's level; an active
 * job has exactly one pending entry, its {@code entry}, held by its {@code worker}, in the stream for priority 5 and in
 * the prioritized stream otherwise; delayed, completed and failed jobs are in exactly their index and have no entry in
 * either stream; every stream entry, set member and index member belongs to such a job, and the prioritized stream
 * holds no undelivered entry; the live counters equal what the streams and sets hold ({@code waiting} = the stream's
 * undelivered entries + the prioritized set); a schedule's due index is its next due time; the limits hash holds only
 * well-formed limits. Reads the whole queue: for tests on small data only.
 */
public final class QueueInvariants {

    private static final Set<String> STATES = Set.of("waiting", "active", "delayed", "completed", "failed",
            "cancelled");
    /** Keep in step with commands/includes/priority.lua. */
    private static final long LEVEL = 1L << 44;

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
        String lastDelivered = lastDelivered(k.stream());
        Map<String, String> pendingOwner = pendingOwners(k.stream(), lastDelivered);
        Map<String, String> leaseToJob = new HashMap<>();
        for (Response e : call("XRANGE", k.prioritizedStream(), "-", "+")) {
            leaseToJob.put(e.get(0).toString(), fields(e.get(1)).get("j"));
        }
        Map<String, String> leaseOwner = pendingOwners(k.prioritizedStream(), lastDelivered(k.prioritizedStream()));
        Map<String, Long> prioritized = scored(k.prioritized());
        Map<String, Set<String>> index = Map.of(
                "delayed", members(k.delayed()), "completed", members(k.completed()), "failed", members(k.failed()),
                "cancelled", members(k.cancelled()));

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
            if (state.equals("cancelled") && h.containsKey("entry")) {
                out.add(id + ": cancelled but still names entry " + h.get("entry"));
            }
            index.forEach((name, ids) -> {
                if (ids.contains(id) != name.equals(state)) {
                    out.add(id + ": " + state + " but " + (ids.contains(id) ? "in" : "not in") + " the " + name
                            + " index");
                }
            });
            List<String> entries = entriesOf(entryToJob, id);
            List<String> leases = entriesOf(leaseToJob, id);
            String entry = h.get("entry");
            int priority = h.containsKey("priority") ? Integer.parseInt(h.get("priority")) : 5;
            if (h.containsKey("priority") && (priority < 1 || priority > 10 || priority == 5)) {
                out.add(id + ": priority field " + h.get("priority") + " (kept only for 1-4 and 6-10)");
            }
            if (prioritized.containsKey(id) != (state.equals("waiting") && priority != 5)) {
                out.add(id + ": " + state + " at priority " + priority + " but " + (prioritized.containsKey(id) ? "in"
                        : "not in") + " the prioritized set");
            } else if (prioritized.containsKey(id) && prioritized.get(id) / LEVEL != priority) {
                out.add(id + ": priority " + priority + " but scored " + prioritized.get(id) + " in the set");
            }
            if (priority != 5) {
                if (!entries.isEmpty()) {
                    out.add(id + ": priority " + priority + " but stream entries " + entries + " name it");
                }
                boolean leased = state.equals("active");
                if (state.equals("waiting") && entry != null) {
                    out.add(id + ": waiting at priority " + priority + " with entry " + entry);
                } else if (!leased && !leases.isEmpty()) {
                    out.add(id + ": " + state + " but prioritized stream entries " + leases + " name it");
                } else if (leased && !leases.equals(List.of(String.valueOf(entry)))) {
                    out.add(id + ": active with entry " + entry + " but prioritized stream entries " + leases);
                } else if (leased && !String.valueOf(h.get("worker")).equals(leaseOwner.get(entry))) {
                    out.add(id + ": active under " + h.get("worker") + " but lease " + entry + " is pending for "
                            + leaseOwner.get(entry));
                }
                continue;
            }
            if (!leases.isEmpty()) {
                out.add(id + ": priority 5 but prioritized stream entries " + leases + " name it");
            }
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
        leaseToJob.forEach((entry, jobId) -> {
            if (!jobs.containsKey(jobId)) {
                out.add("prioritized stream entry " + entry + " names " + jobId + ", which does not exist");
            }
            if (!leaseOwner.containsKey(entry)) {
                out.add("prioritized stream entry " + entry + " is not pending (undelivered)");
            }
        });
        leaseOwner.keySet().stream().filter(e -> !leaseToJob.containsKey(e))
                .forEach(e -> out.add("pending entry " + e + " is not in the prioritized stream"));
        prioritized.keySet().stream().filter(id -> !jobs.containsKey(id))
                .forEach(id -> out.add("prioritized set holds " + id + ", which does not exist"));
        index.forEach((name, ids) -> ids.stream().filter(id -> !jobs.containsKey(id))
                .forEach(id -> out.add(name + " index holds " + id + ", which does not exist")));

        Response counts = call("HMGET", k.counts(), "waiting", "active");
        expectCount(out, "waiting", counts.get(0), byState.getOrDefault("waiting", 0));
        long undelivered = entryToJob.keySet().stream().filter(e -> !pendingOwner.containsKey(e)).count();
        expectCount(out, "waiting", counts.get(0), (int) (undelivered + prioritized.size()));
        expectCount(out, "active", counts.get(1), byState.getOrDefault("active", 0));
        scheduleViolations(k, out);
        limits(k, out);
        return out;
    }

    /** The due index holds exactly the enabled schedules that have a next due time, each scored by it. */
    private void scheduleViolations(QueueKeys k, List<String> out) {
        Map<String, String> indexed = new HashMap<>();
        for (String id : members(k.schedules())) {
            indexed.put(id, Long.toString((long) Double.parseDouble(call("ZSCORE", k.schedules(), id).toString())));
        }
        Map<String, Map<String, String>> schedules = new HashMap<>();
        String cursor = "0";
        do {
            Response page = call("SCAN", cursor, "MATCH", k.schedulePrefix() + "*", "COUNT", "1000");
            cursor = page.get(0).toString();
            for (Response key : page.get(1)) {
                schedules.put(key.toString().substring(k.schedulePrefix().length()), fields(call("HGETALL",
                        key.toString())));
            }
        } while (!"0".equals(cursor));
        schedules.forEach((id, h) -> {
            String next = h.get("nextDueAt");
            if (next != null && !"1".equals(h.get("enabled"))) {
                out.add("schedule " + id + ": paused but due at " + next);
            }
            if (!Objects.equals(next, indexed.get(id))) {
                out.add("schedule " + id + ": nextDueAt " + next + " but due index " + indexed.get(id));
            }
        });
        indexed.keySet().stream().filter(id -> !schedules.containsKey(id))
                .forEach(id -> out.add("due index holds schedule " + id + ", which does not exist"));
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
                if (!name.endsWith(":payload") && !name.endsWith(":logs")) {
                    jobs.put(name.substring(k.jobPrefix().length()), fields(call("HGETALL", name)));
                }
            }
        } while (!"0".equals(cursor));
        // A payload or a log without its hash is a half-removed job.
        for (String id : orphans(k, ":payload", jobs.keySet())) {
            jobs.put(id, Map.of("state", "payload-without-hash"));
        }
        for (String id : orphans(k, ":logs", jobs.keySet())) {
            jobs.put(id, Map.of("state", "logs-without-hash"));
        }
        return jobs;
    }

    private Set<String> orphans(QueueKeys k, String suffix, Set<String> ids) {
        Set<String> orphans = new HashSet<>();
        String cursor = "0";
        do {
            Response page = call("SCAN", cursor, "MATCH", k.jobPrefix() + "*" + suffix, "COUNT", "1000");
            cursor = page.get(0).toString();
            for (Response key : page.get(1)) {
                String name = key.toString();
                String id = name.substring(k.jobPrefix().length(), name.length() - suffix.length());
                if (!ids.contains(id)) {
                    orphans.add(id);
                }
            }
        } while (!"0".equals(cursor));
        return orphans;
    }

    private static List<String> entriesOf(Map<String, String> entryToJob, String jobId) {
        return entryToJob.entrySet().stream().filter(e -> jobId.equals(e.getValue())).map(Map.Entry::getKey)
                .sorted().toList();
    }

    private Map<String, String> pendingOwners(String stream, String lastDelivered) {
        Map<String, String> owners = new HashMap<>();
        if (lastDelivered != null) {
            for (Response p : call("XPENDING", stream, QueueKeys.CONSUMER_GROUP, "-", "+", "1000000")) {
                owners.put(p.get(0).toString(), p.get(1).toString());
            }
        }
        return owners;
    }

    private Map<String, Long> scored(String key) {
        Map<String, Long> scores = new HashMap<>();
        Response reply = call("ZRANGE", key, "0", "-1", "WITHSCORES");
        for (int i = 0; i < reply.size(); i++) {
            Response r = reply.get(i);
            if (r.type() == ResponseType.MULTI) {
                scores.put(r.get(0).toString(), (long) Double.parseDouble(r.get(1).toString()));
            } else {
                scores.put(r.toString(), (long) Double.parseDouble(reply.get(++i).toString()));
            }
        }
        return scores;
    }

    private String lastDelivered(String stream) {
        if (call("EXISTS", stream).toInteger() == 0) {
            return null;
        }
        for (Response g : call("XINFO", "GROUPS", stream)) {
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
