package io.streamq.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One packaged service run as a child JVM on 127.0.0.1. The module's {@code target/quarkus-app} is copied under
 * {@code appsDir} first and the copy runs, so a concurrent rebuild of the module cannot pull jars from under it.
 */
final class ServiceApp implements AutoCloseable {

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final Path copy;

    private ServiceApp(String name, int port, Path log, Process process, Path copy) {
        this.copy = copy;
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static ServiceApp start(Path repo, String module, int port, Map<String, String> env, Path logDir, Path appsDir)
            throws IOException {
        Path app = repo.resolve(module).resolve("target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(module + " is not packaged (" + app + "); run ./mvnw -DskipTests package"
                    + " -pl " + module + " -am (or ./mvnw verify from the root) first");
        }
        Path copy = appsDir.resolve(module);
        deleteTree(copy);
        try (Stream<Path> files = Files.walk(app)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(app.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
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
        return new ServiceApp(module, port, log, pb.start(), copy);
    }

    /**
     * SHA-256 of the launched copy's {@code lib/main/io.streamq.queue-core-*.jar}: every service must run the same
     * queue-core (key layout and scripts), else a module packaged at another time by a concurrent build fails in
     * ways that have nothing to do with the cluster.
     */
    String queueCoreDigest() throws IOException {
        try (Stream<Path> libs = Files.list(copy.resolve("lib/main"))) {
            Path jar = libs.filter(p -> p.getFileName().toString().startsWith("io.streamq.queue-core-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + " has no queue-core jar under " + copy));
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(jar)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    void awaitReady(HttpClient http, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
