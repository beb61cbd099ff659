package io.streamq.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port, with no persistence and a private temp dir.
 *
 * <p>The binary is taken from the environment variable {@code REDIS_SERVER_BIN}, else {@code redis-server}
 * on the PATH. {@link #close()} stops the process and deletes the temp dir. {@link #restart(Duration)} takes it
 * down and up again on the same port, as a restart or failover does, keeping its data ({@link #stop()} and
 * {@link #resume()} do the same in two steps, for a test that acts while it is down).
 *
 * <pre>{@code
 * try (RedisTestServer redis = new RedisTestServer()) {
 *     redis.command("SET", "k", "v");
 * }
 * }</pre>
 */
public final class RedisTestServer implements AutoCloseable {

    public static final String BIN_ENV = "REDIS_SERVER_BIN";
    private static final long START_TIMEOUT_MS = 10_000;
    private static final int IO_TIMEOUT_MS = 5_000;

    private final String bin;
    private int port;
    private Process process;
    private Path dir;
    private Path outputLog;
    private Thread shutdownHook;
    private volatile boolean closed;

    /**
     * Starts a server on a free loopback port and waits (up to 10 s) until it answers PING.
     *
     * @throws IllegalStateException if the binary cannot be run or the server does not come up; the message
     *                               carries the server's output
     */
    public RedisTestServer() {
        String configured = System.getenv(BIN_ENV);
        this.bin = configured == null || configured.isBlank() ? "redis-server" : configured;
        // The port can be taken by someone else between probing and binding; redis-server then exits at
        // once, and a new port is tried. Any other failure is final.
        EarlyExit last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                startOnce(freePort());
                return;
            } catch (EarlyExit e) {
                last = e;
            }
        }
        throw last;
    }

    /** Same as {@code new RedisTestServer()}. */
    public static RedisTestServer start() {
        return new RedisTestServer();
    }

    private void startOnce(int port) {
        this.closed = false;
        this.port = port;
        try {
            this.dir = Files.createTempDirectory("streamq-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir for redis-server", e);
        }
        this.outputLog = dir.resolve("redis-server.out");
        launch();
    }

    /** Runs redis-server on {@link #port} in {@link #dir}, which loads a dump left there, and waits for PING. */
    private void launch() {
        List<String> cmd = List.of(bin,
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", dir.toString());
        try {
            this.process = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(outputLog.toFile()))
                    .start();
        } catch (IOException e) {
            TestProcesses.deleteTreeQuietly(dir);
            throw new IllegalStateException("cannot run '" + bin + "' (install redis-server or set "
                    + BIN_ENV + " to its path): " + e.getMessage(), e);
        }
        // Do not leave an orphan redis-server behind if the test JVM exits without close().
        Process started = this.process;
        this.shutdownHook = new Thread(started::destroyForcibly, "redis-test-server-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        String lastError = "no answer";
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                String out = output();
                close();
                throw new EarlyExit("redis-server exited with code " + started.exitValue()
                        + " before answering PING on port " + port + ". Output:\n" + out);
            }
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (RuntimeException e) {
                lastError = e.getMessage();
            }
            TestProcesses.sleep(50, "redis-server");
        }
        String out = output();
        close();
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within "
                + START_TIMEOUT_MS + " ms (" + lastError + "). Output:\n" + out);
    }

    /**
     * Takes the server down and brings it back on the same port, as a restart or a failover does: it saves its
     * data on the way down ({@code SHUTDOWN SAVE}, an RDB in its dir, although no save points are configured) and
     * loads it when it starts again after {@code downtime}, so keys, streams, consumer groups and pending entries
     * survive (pending entries keep aging meanwhile). Lost: every connection (clients see them drop, then refused
     * until it is back), pub/sub subscriptions, the script cache (scripts must be sent again) and client state.
     *
     * @throws IllegalStateException if it does not stop, or another process took the port meanwhile
     */
    public synchronized void restart(Duration downtime) {
        stop();
        TestProcesses.sleep(downtime.toMillis(), "redis-server restart");
        launch();
    }

    /**
     * The first half of {@link #restart(Duration)}: takes the server down, saving its data, and leaves it down (clients
     * see connections refused) until {@link #resume()}.
     */
    public synchronized void stop() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        try {
            command("SHUTDOWN", "SAVE");
        } catch (RuntimeException expected) {
            // The server closes the connection as it exits instead of answering.
        }
        try {
            if (!process.waitFor(START_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not shut down. Output:\n"
                        + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while redis-server shut down", e);
        }
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    /** Starts a server taken down by {@link #stop()} again on the same port, with its data, and waits for PING. */
    public synchronized void resume() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is running");
        }
        launch();
    }

    /** Binds a server socket to 127.0.0.1:0, reads the port the OS picked and closes it. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * Gives the server real-time scheduling ({@code chrt -f}), best effort: tests that read Redis's SLOWLOG (a wall
     * clock) must see how long a command held Redis, not how long the operating system ran other processes meanwhile;
     * on a busy 2-core machine single trivial commands were logged at 20-40 ms. Redis sleeps in its event loop between
     * commands, so it takes a CPU only while it works. Needs CAP_SYS_NICE (CI runs as root).
     *
     * @return whether the server now has real-time priority
     */
    public boolean preferCpu() {
        try {
            Process chrt = new ProcessBuilder("chrt", "-f", "-p", "10", Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return chrt.waitFor(5, TimeUnit.SECONDS) && chrt.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code redis://127.0.0.1:PORT} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** What the server printed so far (stdout and stderr). */
    public String output() {
        return TestProcesses.read(outputLog);
    }

    /**
     * Sends one command over a fresh connection and returns the reply as text: simple strings and bulk
     * strings as they are, integers in decimal, a nil reply as {@code null}, arrays flattened with one
     * element per line (nested arrays flattened too, nil elements as empty lines). An error reply
     * throws {@link IllegalStateException} with the error text.
     */
    public String command(String... args) {
        return command(port, args);
    }

    /** Like {@link #command(String...)} against any Redis on 127.0.0.1:port. */
    public static String command(int port, String... args) {
        return Resp.command(port, IO_TIMEOUT_MS, args);
    }

    private static final class EarlyExit extends IllegalStateException {
        EarlyExit(String message) {
            super(message);
        }
    }

    /** Stops the server (TERM, up to 5 s, then KILL) and deletes its temp dir. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        TestProcesses.stop(process, 5, 5);
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
            shutdownHook = null;
        }
        TestProcesses.deleteTreeQuietly(dir);
    }

    @Override
    public String toString() {
        return "RedisTestServer[" + uri() + "]";
    }
}
