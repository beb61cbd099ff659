package io.streamq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service jar run as a child JVM ({@code java -jar}), its output in a log file. Every instance is stopped at the
 * latest by a shutdown hook, so an interrupted bench leaves no process behind.
 */
final class ServiceProcess implements AutoCloseable {

    /** Inherited variables with these prefixes are dropped so the user's shell cannot change what is measured. */
    private static final List<String> SCRUBBED_PREFIXES = List.of("QUARKUS_", "STREAMQ_", "MP_JWT_", "SMALLRYE_");
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : LIVE) {
                p.destroy();
            }
            for (Process p : LIVE) {
                try {
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }
        }, "bench-stop-services"));
    }

    private final String name;
    private final int httpPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int httpPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(String name, Path jar, List<String> jvmOptions, int httpPort, Map<String, String> env,
                                Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": no jar at " + jar + " (build it first: bench/run does)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .directory(logDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> SCRUBBED_PREFIXES.stream().anyMatch(k::startsWith));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            LIVE.add(process);
            return new ServiceProcess(name, httpPort, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    String name() {
        return name;
    }

    /** The service, without the instance suffix: {@code worker-service} for {@code worker-service-03-2}. */
    String service() {
        return name.replaceAll("(-\\d+)+$", "");
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the process used so far, in seconds; NaN if the OS does not say. */
    double cpuSeconds() {
        return cpuSeconds(process.toHandle());
    }

    static double cpuSeconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    Path log() {
        return log;
    }

    /** Polls {@code /q/health/ready} until it answers 200; fails early if the process exits. */
    void awaitReady(HttpClient http, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready; last log lines:\n" + tail(40));
            }
            try {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Sleep.millis(100);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s (" + last
                + "); last log lines:\n" + tail(40));
    }

    /** SIGTERM, up to 40 s for a graceful stop, then SIGKILL. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.err.println("[bench] " + name + " did not stop within " + STOP_GRACE.toSeconds()
                            + " s; killing it");
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(process);
    }

    private static final java.util.regex.Pattern LOG_LINE =
            java.util.regex.Pattern.compile("^\\d{4}-\\d\\d-\\d\\d [\\d:,.]+\\s+(WARN|ERROR|FATAL)\\s+(.*)$");
    private static final java.util.regex.Pattern UUID =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * WARN/ERROR lines of the log (Quarkus' console format) without their time stamps and with UUIDs masked, so
     * the same message from several requests or processes reads the same; plus a start-up failure, if any.
     */
    List<String> problemLines() {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> out = new ArrayList<>();
            lines.forEach(l -> {
                var m = LOG_LINE.matcher(l);
                if (m.matches()) {
                    out.add(m.group(1) + " " + UUID.matcher(m.group(2)).replaceAll("<uuid>"));
                } else if (l.startsWith("Configuration validation failed") || l.startsWith("Exception in thread")) {
                    out.add("ERROR " + l);
                }
            });
            return out;
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ")";
        }
    }
}
