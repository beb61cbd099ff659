package io.streamq.bench;

import io.streamq.testing.TestProcesses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * BullMQ's anchor benchmark ({@code ../shared/anchors/bullmq}: BullMQ 6.7.0 on Node.js), installed into a build folder
 * and run scenario by scenario against a redis-server of the bench's own, so that its figures and streamq's come from
 * one run on one machine: absolute figures move too much between runs to be compared across them.
 */
final class BullmqAnchor {

    /** The package.json the installed node_modules belong to; a changed one is installed again. */
    static final String INSTALLED_MARKER = ".installed-package.json";
    private static final int INSTALL_TIMEOUT_SECONDS = 600;

    private final Path build;
    private final Path logDir;

    private BullmqAnchor(Path build, Path logDir) {
        this.build = build;
        this.logDir = logDir;
    }

    /**
     * Copies the anchor's files from {@code source} into {@code build} and runs {@code npm install} there unless
     * {@link #needsInstall} says the installed modules are current.
     */
    static BullmqAnchor prepare(Path source, Path build, Path logDir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(source.resolve("bench.mjs")) || !Files.isRegularFile(source.resolve("package.json"))) {
            throw new IllegalStateException("no BullMQ anchor benchmark (bench.mjs, package.json) in " + source
                    + ": pass --anchor-dir, or run with --no-anchor");
        }
        Files.createDirectories(build);
        boolean install = needsInstall(source, build);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                // Written rather than copied: the source files are read-only and the copies are replaced next run.
                Files.write(build.resolve(file.getFileName()), Files.readAllBytes(file));
            }
        }
        if (install) {
            BenchMain.log("npm install in " + build + " ...");
            Path log = logDir.resolve("bullmq-npm-install.log");
            int exit = run(List.of("npm", "install", "--no-audit", "--no-fund"), build, Map.of(), log, log,
                    INSTALL_TIMEOUT_SECONDS);
            if (exit != 0) {
                throw new IllegalStateException("npm install for the BullMQ anchor failed (exit " + exit + "):\n"
                        + Text.tail(TestProcesses.read(log), 20));
            }
            Files.write(build.resolve(INSTALLED_MARKER), Files.readAllBytes(source.resolve("package.json")));
        }
        return new BullmqAnchor(build, logDir);
    }

    /** True unless {@code build} has node_modules installed from a package.json equal to the source's. */
    static boolean needsInstall(Path source, Path build) throws IOException {
        Path marker = build.resolve(INSTALLED_MARKER);
        return !Files.isDirectory(build.resolve("node_modules")) || !Files.isRegularFile(marker)
                || !Arrays.equals(Files.readAllBytes(marker), Files.readAllBytes(source.resolve("package.json")));
    }

    /**
     * Runs one scenario with {@code jobs} as N against the redis-server on 127.0.0.1:{@code redisPort} (bench.mjs
     * flushes it first); progress goes to the log folder.
     */
    Summary run(BullmqScenario scenario, int jobs, int redisPort, int timeoutSeconds)
            throws IOException, InterruptedException {
        String name = scenario.scenario();
        Path out = logDir.resolve("bullmq-" + name + ".json");
        Path err = logDir.resolve("bullmq-" + name + ".log");
        int exit = run(List.of("node", "bench.mjs", Integer.toString(jobs), name), build,
                Map.of("REDIS_PORT", Integer.toString(redisPort)), out, err, timeoutSeconds);
        if (exit != 0) {
            throw new IllegalStateException("node bench.mjs " + jobs + " " + name + " exited with " + exit + ":\n"
                    + Text.tail(TestProcesses.read(err), 15));
        }
        return Summary.of(TestProcesses.read(out), name);
    }

    /** Runs a command to its end; cut short (and reported as an exception) after {@code timeoutSeconds}. */
    private static int run(List<String> command, Path dir, Map<String, String> env, Path out, Path err,
                           int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.to(out.toFile()));
        if (out.equals(err)) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(ProcessBuilder.Redirect.to(err.toFile()));
        }
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.getFirst() + " (Debian: apt-get install nodejs npm): "
                    + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds
                        + " s; stopped");
            }
            return p.exitValue();
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                TestProcesses.stop(p, 5, 5);
            }
        }
    }

    /**
     * What one bench.mjs run reported: {@code env} (versions of Node.js, BullMQ, ioredis, Redis) and the scenario's
     * numeric figures by their bench.mjs names, nested ones dotted ({@code hr.p50}).
     */
    record Summary(Map<String, String> env, Map<String, Double> figures) {

        /** From bench.mjs's stdout: its last non-blank line is the JSON summary. */
        static Summary of(String stdout, String scenario) {
            List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                throw new IllegalStateException("bench.mjs printed no summary");
            }
            if (!(Json.parse(lines.getLast()) instanceof Map<?, ?> summary)) {
                throw new IllegalStateException("bench.mjs's summary is not a JSON object");
            }
            if (!(summary.get(scenario) instanceof Map<?, ?> figures)) {
                throw new IllegalStateException("bench.mjs's summary has no " + scenario);
            }
            Map<String, String> env = new LinkedHashMap<>();
            if (summary.get("env") instanceof Map<?, ?> e) {
                e.forEach((k, v) -> env.put(k.toString(), v instanceof Double d && d == Math.rint(d)
                        ? Long.toString(d.longValue()) : String.valueOf(v)));
            }
            Map<String, Double> numbers = new LinkedHashMap<>();
            flatten("", figures, numbers);
            return new Summary(env, numbers);
        }

        private static void flatten(String prefix, Map<?, ?> object, Map<String, Double> into) {
            object.forEach((k, v) -> {
                if (v instanceof Double d) {
                    into.put(prefix + k, d);
                } else if (v instanceof Map<?, ?> nested) {
                    flatten(prefix + k + ".", nested, into);
                }
            });
        }
    }
}
