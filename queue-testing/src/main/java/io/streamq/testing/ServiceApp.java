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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * One packaged Quarkus service ({@code quarkus-run.jar}) run as a child JVM on 127.0.0.1, its output in a log file:
 * the launcher of the tests that drive the real jars over HTTP, and of the benchmark. {@link Launch} says how: the
 * tests' small-heap flags and a private copy of the app, or the benchmark's own flags on the jar as it is.
 *
 * <p>Every instance is stopped at the latest by a shutdown hook, so an interrupted run leaves no process behind.
 */
public final class ServiceApp implements AutoCloseable {

    private static final int LOG_TAIL_LINES = 40;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LIVE.forEach(Process::destroy);
            LIVE.forEach(p -> TestProcesses.stop(p, 10, 10));
        }, "stop-service-apps"));
    }

    /**
     * How a service's JVM runs.
     *
     * @param jvmOptions     the JVM options before {@code -jar}
     * @param privateCopyDir null to run the jar where it is; else its app directory is copied to
     *                       {@code <privateCopyDir>/<name>} first and the copy runs, so a rebuild of the module while
     *                       the tests run (another build in the same checkout) cannot pull jars from under the process
     * @param stopGrace      how long {@link #close} waits after TERM before it kills
     */
    public record Launch(List<String> jvmOptions, Path privateCopyDir, Duration stopGrace) {

        /** Small heap, quick start-up, a private copy under {@code appsDir}: several services on a shared machine. */
        public static Launch forTests(Path appsDir) {
            return new Launch(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), appsDir,
                    Duration.ofSeconds(20));
        }
    }

    private final String name;
    private final int port;
    private final Path log;
    private final Path appDir;
    private final Process process;
    private final Duration stopGrace;

    private ServiceApp(String name, int port, Path log, Path appDir, Process process, Duration stopGrace) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.appDir = appDir;
        this.process = process;
        this.stopGrace = stopGrace;
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
     * {@code <repo>/<module>/target/quarkus-app} started the tests' way ({@link Launch#forTests}), output to
     * {@code <logDir>/<module>.log}. Returns at once; see {@link #awaitReady}.
     */
    public static ServiceApp start(Path repo, String module, int port, Map<String, String> env, Path logDir,
            Path appsDir) throws IOException {
        return start(module, repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"), port, env, logDir,
                Launch.forTests(appsDir));
    }

    /**
     * Starts {@code java <jvmOptions> -jar <jar>} as {@code name} on {@code port}, with {@code env} on top of the
     * inherited environment less its service settings, output to {@code <logDir>/<name>.log}. Returns at once; see
     * {@link #awaitReady}.
     */
    public static ServiceApp start(String name, Path jar, int port, Map<String, String> env, Path logDir,
            Launch launch) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged (no " + jar + "); run ./mvnw -DskipTests package"
                    + " -pl MODULE -am (or ./mvnw verify from the root; bench/run builds its own) first");
        }
        Path appDir = jar.toAbsolutePath().getParent();
        if (launch.privateCopyDir() != null) {
            Path copy = launch.privateCopyDir().resolve(name);
            copyTree(appDir, copy);
            appDir = copy;
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(launch.jvmOptions());
        cmd.add("-jar");
        cmd.add(appDir.resolve(jar.getFileName()).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(logDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The caller's shell must not change what runs: drop inherited service settings.
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("STREAMQ_")
                || k.startsWith("MP_JWT_") || k.startsWith("SMALLRYE_") || k.startsWith("WORKER_"));
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().putAll(env);
        Process process = pb.start();
        LIVE.add(process);
        return new ServiceApp(name, port, log, appDir, process, launch.stopGrace());
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

    /** CPU time the service used so far, in seconds; NaN if the OS does not say. */
    public double cpuSeconds() {
        return cpuSeconds(process.toHandle());
    }

    /** CPU time {@code p} used so far, in seconds; NaN if the OS does not say. */
    public static double cpuSeconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * SHA-256 of the launched app's {@code lib/main/<jarPrefix>*.jar}, e.g. {@code io.streamq.queue-core-}: tests
     * that run several services compare it, since services packaged at different times by concurrent builds can carry
     * different shared code and then fail in ways that have nothing to do with the test.
     */
    public String libDigest(String jarPrefix) throws IOException {
        try (Stream<Path> libs = Files.list(appDir.resolve("lib/main"))) {
            Path jar = libs.filter(p -> p.getFileName().toString().startsWith(jarPrefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + " has no " + jarPrefix + "* jar under " + appDir));
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
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; "
                        + logTail(LOG_TAIL_LINES));
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
        throw new IllegalStateException(name + " not ready within " + timeout + "; " + logTail(LOG_TAIL_LINES));
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

    /** The log's last {@code count} lines, headed by its path, for failure messages. */
    public String logTail(int count) {
        List<String> lines = TestProcesses.read(log).lines().toList();
        return "last " + Math.min(count, lines.size()) + " lines of " + log + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** SIGKILL, as a crash or an OOM kill would end it: no shutdown hook runs, nothing is handed back. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        LIVE.remove(process);
    }

    /** TERM, up to the launch's stop grace for a clean shutdown, then KILL. Safe to call twice. */
    @Override
    public void close() {
        if (process.isAlive() && !TestProcesses.stop(process, stopGrace.toSeconds(), 10)) {
            System.err.println(name + " did not stop within " + stopGrace.toSeconds() + " s; killed it");
        }
        LIVE.remove(process);
    }
}
