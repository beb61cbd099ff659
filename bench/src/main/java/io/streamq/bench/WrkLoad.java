package io.streamq.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/jobs} load from wrk (Debian's {@code wrk} 4): a load generator in C on an event loop, so the
 * client's own CPU stays small beside the producer's on a shared 2-core machine (the JDK HttpClient cost about
 * 0.3 ms of CPU per request, half of what the producer itself used). Its own CPU is measured too: wrk runs under a
 * shell whose {@code times} reports what its child used.
 *
 * <p>Closed loop by default (each connection sends its next request when the answer arrives); with a target rate,
 * each connection waits between requests so that all of them together send about that many per second (Debian's
 * wrk has no open-loop mode, so a server stall also slows the sender: the achieved rate is reported beside it).
 */
final class WrkLoad {

    /** {@code durationMicros} is wrk's own measure of the run; the percentiles are of request latency in µs. */
    record Result(long requests, long failed, long socketErrors, long durationMicros, Stats.Percentiles micros,
                  double cpuSeconds) {
        double requestsPerSecond() {
            return durationMicros == 0 ? Double.NaN : requests * 1e6 / durationMicros;
        }
    }

    /** The line wrk's done() hook prints (see {@link #script}), and the one {@code times} prints for the child. */
    private static final Pattern SUMMARY = Pattern.compile(
            "STREAMQ-WRK requests=(\\d+) status_errors=(\\d+) socket_errors=(\\d+) duration_us=(\\d+)"
                    + " p50=(\\d+) p90=(\\d+) p99=(\\d+) max=(\\d+)");
    private static final Pattern CHILD_TIMES = Pattern.compile("^(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s$");

    private WrkLoad() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v wrk").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @param ratePerSecond 0 for as fast as answers come back
     * @param logName       file stem in the run's log folder for the script and wrk's output
     */
    static Result post(BenchRun run, String logName, String url, String bearer, String body, int connections,
                       int seconds, int ratePerSecond) throws IOException, InterruptedException {
        Path script = run.logDir().resolve(logName + ".lua");
        Files.writeString(script, script(bearer, body, connections, ratePerSecond), StandardCharsets.UTF_8);
        Path out = run.logDir().resolve(logName + ".out");
        int threads = Math.min(2, connections);
        List<String> command = new ArrayList<>(List.of("bash", "-c", "wrk \"$@\"; status=$?; times; exit $status",
                "wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "30s",
                "-s", script.toString(), url));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("wrk did not finish within " + (seconds + 60) + " s; see " + out);
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("wrk exited with " + p.exitValue() + ": " + String.join(" / ", lines));
        }
        return parse(lines, out);
    }

    static Result parse(List<String> lines, Path out) throws IOException {
        Matcher summary = null;
        double cpu = Double.NaN;
        for (String line : lines) {
            Matcher m = SUMMARY.matcher(line.strip());
            if (m.matches()) {
                summary = m;
            }
            Matcher t = CHILD_TIMES.matcher(line.strip());
            if (t.matches()) {
                // times prints the shell's own line first and its children's last: the last match is wrk's.
                cpu = Long.parseLong(t.group(1)) * 60 + Double.parseDouble(t.group(2))
                        + Long.parseLong(t.group(3)) * 60 + Double.parseDouble(t.group(4));
            }
        }
        if (summary == null) {
            throw new IOException("no summary line in wrk's output " + out + ": " + String.join(" / ", lines));
        }
        long requests = Long.parseLong(summary.group(1));
        Stats.Percentiles micros = new Stats.Percentiles(requests, Long.parseLong(summary.group(5)),
                Long.parseLong(summary.group(6)), Long.parseLong(summary.group(7)), Long.parseLong(summary.group(8)));
        return new Result(requests, Long.parseLong(summary.group(2)), Long.parseLong(summary.group(3)),
                Long.parseLong(summary.group(4)), micros, cpu);
    }

    /**
     * The request, and for a target rate a per-request pause: wrk calls {@code delay()} after each answer and waits
     * that many whole milliseconds, so the fraction is carried over to keep the average exact.
     */
    static String script(String bearer, String body, int connections, int ratePerSecond) {
        StringBuilder lua = new StringBuilder()
                .append("wrk.method = \"POST\"\n")
                .append("wrk.body = ").append(luaString(body)).append('\n')
                .append("wrk.headers[\"Content-Type\"] = \"application/json\"\n")
                .append("wrk.headers[\"Authorization\"] = ").append(luaString(bearer)).append('\n');
        if (ratePerSecond > 0) {
            // Each connection's cycle is its pause plus the answer's latency; about half a millisecond of it is
            // taken to be latency, and the achieved rate is reported whatever it comes to.
            double pauseMs = Math.max(0, connections * 1000.0 / ratePerSecond - 0.5);
            lua.append(String.format(Locale.ROOT, """
                    local pause = %.4f
                    local owed = 0
                    function delay()
                      owed = owed + pause
                      local ms = math.floor(owed)
                      owed = owed - ms
                      return ms
                    end
                    """, pauseMs));
        }
        lua.append("""
                function done(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("STREAMQ-WRK requests=%d status_errors=%d socket_errors=%d duration_us=%d"
                    .. " p50=%d p90=%d p99=%d max=%d\\n", summary.requests, e.status, e.connect + e.read + e.write
                    + e.timeout, summary.duration, latency:percentile(50), latency:percentile(90),
                    latency:percentile(99), latency.max))
                end
                """);
        return lua.toString();
    }

    private static String luaString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
