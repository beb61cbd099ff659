package io.streamq.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Child-process and temp-dir chores shared by {@link RedisTestServer}, {@link RedisTestCluster} and
 * {@link ServiceApp} (and the console tests' reverse proxy), so that each stops its processes and cleans up the same
 * way.
 */
public final class TestProcesses {

    private TestProcesses() {
    }

    /**
     * TERM, up to {@code termSeconds}; then KILL and up to {@code killSeconds} more. Keeps the interrupt flag.
     *
     * @return false if it had to KILL
     */
    public static boolean stop(Process p, long termSeconds, long killSeconds) {
        p.destroy();
        try {
            if (p.waitFor(termSeconds, TimeUnit.SECONDS)) {
                return true;
            }
            p.destroyForcibly();
            p.waitFor(killSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Sleeps; an interrupt becomes an {@link IllegalStateException} naming what was awaited. */
    static void sleep(long ms, String awaiting) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + awaiting, e);
        }
    }

    /** A process's output file as text; a failure to read becomes a note in the text, for error messages. */
    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Deletes {@code root} and everything under it. Tries every file, then throws for the first one that could not
     * be deleted (a launcher must not run a half-replaced copy).
     */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        IOException first = null;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
        } catch (IOException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw new UncheckedIOException("cannot delete " + root, first);
        }
    }

    /** {@link #deleteTree} on cleanup paths, where a leftover temp file must not hide the real outcome. */
    static void deleteTreeQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (UncheckedIOException ignored) {
            // best effort
        }
    }
}
