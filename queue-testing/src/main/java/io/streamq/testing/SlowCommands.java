package io.streamq.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis's SLOWLOG as tests read it: the commands (a script call is one command) that held a test server for at least
 * a threshold. The SLOWLOG times a command with the wall clock, so on a busy machine it also counts the time the
 * operating system ran other processes (single trivial commands were logged at 20-40 ms on a loaded 2-core machine);
 * {@link #watch} therefore first gives the server real-time scheduling ({@link RedisTestServer#preferCpu}), after which
 * what is logged is Redis's own work.
 *
 * <pre>{@code
 * SlowCommands slow = SlowCommands.watch(server, 20_000);
 * ... drive the code under test ...
 * assertThat(slow.entries()).isEmpty();
 * }</pre>
 */
public final class SlowCommands {

    private static final int TIMEOUT_MS = 10_000;

    /** One logged command: how long it held the server, and its name and arguments as Redis logged them. */
    public record Slow(long micros, List<String> args) {
        public String command() {
            return args.isEmpty() ? "" : args.getFirst();
        }

        @Override
        public String toString() {
            return micros + " µs " + String.join(" ", args.subList(0, Math.min(args.size(), 6)));
        }
    }

    private final int port;
    private final boolean realtime;

    private SlowCommands(int port, boolean realtime) {
        this.port = port;
        this.realtime = realtime;
    }

    /** Logs every command of at least {@code thresholdMicros} from now on (and keeps up to 100,000 of them). */
    public static SlowCommands watch(RedisTestServer server, long thresholdMicros) {
        SlowCommands slow = new SlowCommands(server.port(), server.preferCpu());
        slow.call("CONFIG", "SET", "slowlog-max-len", "100000");
        slow.threshold(thresholdMicros);
        return slow;
    }

    /** Whether the server runs with real-time priority, so that the log is free of time spent waiting for a CPU. */
    public boolean realtime() {
        return realtime;
    }

    /** A new threshold, and an empty log. */
    public void threshold(long micros) {
        call("CONFIG", "SET", "slowlog-log-slower-than", Long.toString(micros));
        reset();
    }

    public void reset() {
        call("SLOWLOG", "RESET");
    }

    /** The commands logged since the last reset, newest first. */
    public List<Slow> entries() {
        List<Slow> out = new ArrayList<>();
        for (Object entry : (List<?>) call("SLOWLOG", "GET", "-1")) {
            List<?> fields = (List<?>) entry;
            List<String> args = new ArrayList<>();
            for (Object arg : (List<?>) fields.get(3)) {
                args.add(String.valueOf(arg));
            }
            out.add(new Slow(Long.parseLong((String) fields.get(2)), args));
        }
        return out;
    }

    private Object call(String... args) {
        return Resp.call(port, TIMEOUT_MS, args);
    }
}
