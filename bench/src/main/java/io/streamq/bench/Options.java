package io.streamq.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options; {@code --name value} or {@code --name=value}. */
final class Options {

    static final List<String> PHASES = List.of("single", "paced", "replicas", "bulk", "memory", "drain",
            "failures", "latency", "queues6");
    /** queues6 is left out: it adds minutes and has no BullMQ counterpart (--phases ...,queues6 runs it). */
    static final List<String> DEFAULT_PHASES = PHASES.stream().filter(p -> !p.equals("queues6")).toList();

    /** name -> [default, help] in the order of the usage text. */
    private static final Map<String, String[]> SPEC = new LinkedHashMap<>();
    /** Options that take no value: given means true. */
    private static final Set<String> FLAGS = new LinkedHashSet<>();

    static {
        spec("producer-jar", "", "producer-service quarkus-run.jar (bench/run passes it)");
        spec("worker-jar", "", "worker-service quarkus-run.jar (bench/run passes it)");
        spec("phases", String.join(",", DEFAULT_PHASES), "phases to run, comma separated: " + String.join(",", PHASES));
        spec("warmup", "5000", "single POSTs, and as many jobs in bulk POSTs, sent to warm the producer first");
        spec("single-jobs", "40000", "N of BullMQ's addSingle64 (streamq's single phase runs for --single-seconds)");
        spec("single-clients", "64", "wrk connections for single POSTs (phases single and paced)");
        spec("single-seconds", "20", "how long wrk sends single POSTs, measured");
        spec("single-warmup-seconds", "15", "how long wrk sends single POSTs first, not measured (JIT warm-up)");
        spec("paced-rate", "5000", "requests/s the paced phase sends single POSTs at, to measure request latency");
        spec("paced-seconds", "20", "how long the paced phase sends");
        spec("paced-connections", "256", "wrk connections of the paced phase: many, each pausing long between"
                + " requests, so the rate depends little on the answers' latency");
        spec("bulk-jobs", "200000", "jobs enqueued through POST /v1/jobs/bulk");
        spec("bulk-clients", "4", "concurrent clients for bulk POSTs");
        spec("bulk-size", "500", "jobs per bulk request (at most 1000)");
        spec("memory-jobs", "100000", "ai.generate-text jobs enqueued to measure memory per waiting job");
        spec("drain-jobs", "200000", "system.health-check jobs measured in each processing run");
        spec("drain-warmup", "100000", "jobs enqueued before them, processed first and not measured (JIT warm-up)");
        spec("drain-backlog", "0", "jobs enqueued behind the measured ones, still waiting while they are processed (how"
                + " cost grows with the queue's length), comma separated runs; one Redis, 1 worker only");
        spec("drain-workers", "1,2,3", "worker process counts to measure processing with, comma separated");
        spec("drain-priorities", "default", "priorities of the pre-enqueued jobs, comma separated runs: default (all"
                + " 5, the stream alone) or mixed (1 to 10 in turn, nine of ten through the prioritized set)");
        spec("redis", "both", "Redis for the processing phase: single (one redis-server), cluster (three masters)"
                + " or both; the other phases always use one redis-server");
        spec("queues6-jobs", "60000", "jobs measured in each run of the queues6 phase (system queue alone, then six"
                + " queues with the jobs spread evenly)");
        spec("queues6-warmup", "30000", "jobs processed before them in each queues6 run, not measured (JIT warm-up)");
        spec("concurrency", "256", "STREAMQ_QUEUE_SYSTEM_CONCURRENCY of each worker (queues6: a sixth of it on"
                + " each of the six queues)");
        spec("failure-jobs", "50000", "jobs that fail every attempt, for the failures phase");
        spec("failure-warmup", "20000", "failing jobs enqueued before them, handed to the DLQ first and not measured (JIT"
                + " warm-up, as --drain-warmup)");
        spec("failure-concurrency", "50", "concurrency of the failures phase's worker (BullMQ's scenario uses 50)");
        spec("latency-rate", "500", "jobs/s enqueued for the enqueue-to-start latency");
        spec("latency-seconds", "20", "how long the latency phase enqueues");
        spec("latency-warmup", "20000", "jobs the latency phase's worker runs before it goes idle and is measured");
        spec("phase-timeout", "240", "seconds any one phase may take before it is cut short (reported)");
        spec("wait-quiet", "60", "seconds to wait before each phase for other processes to use < 0.2 CPUs (0: don't)");
        spec("service-jvm-opts", "", "extra JVM options for the service processes, space separated");
        flag("no-anchor", "skip BullMQ's anchor benchmark (by default each phase is followed by its BullMQ"
                + " counterpart, and the report compares the two)");
        spec("anchor-dir", "", "BullMQ's anchor benchmark, bench.mjs and package.json (bench/run passes"
                + " ../shared/anchors/bullmq)");
        spec("anchor-build", "", "folder it is copied to and npm-installed in (bench/run passes"
                + " bench/target/bullmq-anchor)");
        spec("log-dir", "", "where service logs go (default: a new temp dir)");
        spec("write", "", "also write the results into this Markdown file (between the bench markers)");
        spec("command", "", "command line shown in the report (bench/run passes it)");
    }

    private static void spec(String name, String def, String help) {
        SPEC.put(name, new String[]{def, help});
    }

    private static void flag(String name, String help) {
        spec(name, "false", help);
        FLAGS.add(name);
    }

    private final Map<String, String> values = new LinkedHashMap<>();

    private Options() {
        SPEC.forEach((k, v) -> values.put(k, v[0]));
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new UsageException(null);
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (FLAGS.contains(name)) {
                value = "true";
            } else {
                if (i + 1 >= args.length) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!SPEC.containsKey(name)) {
                throw new UsageException("unknown option --" + name);
            }
            o.values.put(name, value);
        }
        o.validate();
        return o;
    }

    private void validate() {
        for (String p : phases()) {
            if (!PHASES.contains(p)) {
                throw new UsageException("unknown phase '" + p + "'; known: " + String.join(",", PHASES));
            }
        }
        for (String n : List.of("single-jobs", "single-clients", "bulk-jobs", "bulk-clients", "bulk-size",
                "memory-jobs", "drain-jobs", "concurrency", "latency-rate", "latency-seconds", "phase-timeout",
                "single-seconds", "paced-rate", "paced-seconds", "paced-connections", "failure-jobs",
                "failure-concurrency", "queues6-jobs")) {
            if (integer(n) <= 0) {
                throw new UsageException("--" + n + " must be positive");
            }
        }
        if (integer("warmup") < 0 || integer("wait-quiet") < 0 || integer("latency-warmup") < 0
                || integer("single-warmup-seconds") < 0 || integer("drain-warmup") < 0
                || integer("failure-warmup") < 0 || integer("queues6-warmup") < 0) {
            throw new UsageException("--warmup, --latency-warmup, --single-warmup-seconds, --drain-warmup,"
                    + " --failure-warmup, --queues6-warmup and --wait-quiet must not be negative");
        }
        if (integer("bulk-size") > 1000) {
            throw new UsageException("--bulk-size is at most 1000 (the API's limit)");
        }
        if (drainWorkers().isEmpty() || drainWorkers().stream().anyMatch(w -> w <= 0 || w > 16)) {
            throw new UsageException("--drain-workers takes counts from 1 to 16");
        }
        if (drainBacklogs().isEmpty() || drainBacklogs().stream().anyMatch(b -> b < 0)) {
            throw new UsageException("--drain-backlog takes job counts of 0 or more, comma separated");
        }
        if (drainPriorities().isEmpty()) {
            throw new UsageException("--drain-priorities takes default, mixed or both, comma separated");
        }
        if (!List.of("single", "cluster", "both").contains(text("redis"))) {
            throw new UsageException("--redis takes single, cluster or both, not '" + text("redis") + "'");
        }
        if (text("producer-jar").isEmpty() || text("worker-jar").isEmpty()) {
            throw new UsageException("--producer-jar and --worker-jar are required (bench/run passes them)");
        }
        for (String f : FLAGS) {
            if (!List.of("true", "false").contains(text(f))) {
                throw new UsageException("--" + f + " takes no value (or =true, =false), not '" + text(f) + "'");
            }
        }
        if (!flag("no-anchor") && (text("anchor-dir").isEmpty() || text("anchor-build").isEmpty())) {
            throw new UsageException("--anchor-dir and --anchor-build are required unless --no-anchor"
                    + " (bench/run passes them)");
        }
    }

    String text(String name) {
        return values.get(name);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.get(name));
    }

    int integer(String name) {
        try {
            return Integer.parseInt(values.get(name).replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, not '" + values.get(name) + "'");
        }
    }

    Set<String> phases() {
        Set<String> out = new LinkedHashSet<>();
        for (String p : values.get("phases").split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    List<Integer> drainWorkers() {
        return integers("drain-workers");
    }

    /** Per processing run: how many more jobs wait behind the measured ones while they are processed. */
    List<Integer> drainBacklogs() {
        return integers("drain-backlog");
    }

    private List<Integer> integers(String name) {
        List<Integer> out = new ArrayList<>();
        for (String w : values.get(name).split(",")) {
            if (!w.isBlank()) {
                try {
                    out.add(Integer.parseInt(w.trim()));
                } catch (NumberFormatException e) {
                    throw new UsageException("--" + name + " takes numbers, not '" + w + "'");
                }
            }
        }
        return out;
    }

    /** Per processing run: whether its jobs get priorities 1 to 10 in turn (true) or all the default (false). */
    List<Boolean> drainPriorities() {
        List<Boolean> out = new ArrayList<>();
        for (String p : values.get("drain-priorities").split(",")) {
            switch (p.trim()) {
                case "default" -> out.add(false);
                case "mixed" -> out.add(true);
                default -> throw new UsageException("--drain-priorities takes default or mixed, not '" + p + "'");
            }
        }
        return out;
    }

    /** The processing phase runs on one redis-server. */
    boolean redisSingle() {
        return !text("redis").equals("cluster");
    }

    /** The processing phase runs on a three-master Redis Cluster. */
    boolean redisCluster() {
        return !text("redis").equals("single");
    }

    List<String> serviceJvmOptions() {
        String s = values.get("service-jvm-opts").trim();
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    }

    Path path(String name) {
        String s = values.get(name);
        return s.isEmpty() ? null : Path.of(s);
    }

    /** The options that differ from the defaults, as given. */
    Map<String, String> nonDefault() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!v.equals(SPEC.get(k)[0])) {
                out.put(k, v);
            }
        });
        return out;
    }

    static String usage() {
        StringBuilder out = new StringBuilder("""
                usage: bench/run [options]

                Starts its own redis-server, producer-service and worker-service processes on free loopback ports,
                measures enqueue throughput, memory per waiting job, processing throughput (also on a three-master
                Redis Cluster, see --redis) and enqueue-to-start latency, runs BullMQ's anchor benchmark beside each
                phase on a redis-server of its own (node and npm needed, see --no-anchor), and prints a Markdown
                report with streamq, BullMQ and their ratio.

                options:
                """);
        SPEC.forEach((k, v) -> out.append(String.format("  --%-18s %s%s%n", k, v[1],
                v[0].isEmpty() || FLAGS.contains(k) ? "" : " (default " + v[0] + ")")));
        return out.toString();
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
