package io.streamq.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * One packaged Quarkus service ({@code <module>/target/quarkus-app}) run as a child JVM on 127.0.0.1, for tests that
 * drive the real jars over HTTP.
 *
 * <p>The module's {@code target/quarkus-app} is copied under {@code appsDir} first and the copy runs, so a rebuild of
 * the module while the tests run (another build in the same checkout) cannot pull jars from under the process.
 */
public final class ServiceApp implements AutoCloseable {

    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final int port;
    private final Path log;
    private final Path copy;
    private final Process process;

    private ServiceApp(String name, int port, Path log, Path copy, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.copy = copy;
        this.process = process;
    }

    /**
     * The settings every launched service needs in a test: Redis, the test key to verify JWTs, a webhook signing
     * secret, and loopback allowed as an outbound target (the tests' webhook receivers listen there). Mutable, for
     * the caller's additions.
     */
    public static Map<String, String> baseEnv(String redisHosts, Path jwtPublicKeyPem, String jwtIssuer) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_REDIS_HOSTS", redisHosts);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwtPublicKeyPem.toString());
        env.put("MP_JWT_VERIFY_ISSUER", jwtIssuer);
        env.put("STREAMQ_WEBHOOK_SIGNING_SECRET", "test-only");
        env.put("WORKER_OUTBOUND_ALLOW", "127.0.0.0/8");
        return env;
    }

    /**
     * Copies {@code <repo>/<module>/target/quarkus-app} to {@code <appsDir>/<module>} and starts
     * {@code java -jar quarkus-run.jar} there on {@code port}, with {@code env} on top of the inherited environment,
     * output to {@code <logDir>/<module>.log}. Returns at once; see {@link #awaitReady}.
     */
    public static ServiceApp start(Path repo, String module, int port, Map<String, String> env, Path logDir,
            Path appsDir) throws IOException {
        Path app = repo.resolve(module).resolve("target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(module + " is not packaged (" + app + "); run ./mvnw -DskipTests package"
                    + " -pl " + module + " -am (or ./mvnw verify from the root) first");
        }
        Path copy = appsDir.resolve(module);
        copyTree(app, copy);
        Files.createDirectories(logDir);
        Path log = logDir.resolve(module + ".log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", copy.resolve("quarkus-run.jar").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(logDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The caller's shell must not change what runs: drop inherited service settings.
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("STREAMQ_")
                || k.startsWith("MP_JWT_") || k.startsWith("SMALLRYE_") || k.startsWith("WORKER_"));
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().putAll(env);
        return new ServiceApp(module, port, log, copy, pb.start());
    }

    /** Replaces {@code target} with a fresh copy of {@code source}. */
    private static void copyTree(Path source, Path target) throws IOException {
        TestProcesses.deleteTree(target);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The service's output file (stdout and stderr). */
    public Path log() {
        return log;
    }

    /** The process id (a worker's consumer name carries it). */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * SHA-256 of the launched copy's {@code lib/main/<jarPrefix>*.jar}, e.g. {@code io.streamq.queue-core-}: tests
     * that run several services compare it, since services packaged at different times by concurrent builds can carry
     * different shared code and then fail in ways that have nothing to do with the test.
     */
    public String libDigest(String jarPrefix) throws IOException {
        try (Stream<Path> libs = Files.list(copy.resolve("lib/main"))) {
            Path jar = libs.filter(p -> p.getFileName().toString().startsWith(jarPrefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + " has no " + jarPrefix + "* jar under " + copy));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Polls {@code /q/health/ready} until it answers 200. Fails at once if the process exits, else after
     * {@code timeout}; either message carries the log's last lines, so a failed start explains itself.
     */
    public void awaitReady(HttpClient http, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; " + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; " + logTail());
    }

    /**
     * {@link #awaitReady} for several services at once (they boot in parallel, so this takes as long as the slowest);
     * throws the first failure as it is.
     */
    public static void awaitReady(List<ServiceApp> apps, HttpClient http, Duration timeout) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, apps.size()));
        try {
            List<Future<Void>> ready = new ArrayList<>();
            for (ServiceApp app : apps) {
                ready.add(pool.submit((Callable<Void>) () -> {
                    app.awaitReady(http, timeout);
                    return null;
                }));
            }
            for (Future<Void> f : ready) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The last lines of the log, headed by its path, for failure messages. */
    public String logTail() {
        List<String> lines = TestProcesses.read(log).lines().toList();
        return "last " + Math.min(LOG_TAIL_LINES, lines.size()) + " lines of " + log + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    /** SIGKILL, as a crash or an OOM kill would end it: no shutdown hook runs, nothing is handed back. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** TERM, up to 20 s for a clean shutdown, then KILL. Safe to call twice. */
    @Override
    public void close() {
        TestProcesses.stop(process, 20, 10);
    }
}
