package io.streamq.bench;

import io.streamq.testing.RedisTestServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the numbers were measured on. */
final class Machine {

    private Machine() {
    }

    static Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("CPUs (nproc)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        out.put("CPU model", procField("/proc/cpuinfo", "model name").orElse("unknown"));
        out.put("Memory", procField("/proc/meminfo", "MemTotal")
                .map(Machine::kibToGib).orElse("unknown"));
        out.put("Redis", run(redisBinary(), "--version"));
        out.put("Java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + Runtime.version());
        out.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        return out;
    }

    private static String redisBinary() {
        String bin = System.getenv(RedisTestServer.BIN_ENV);
        return bin == null || bin.isBlank() ? "redis-server" : bin;
    }

    private static java.util.Optional<String> procField(String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
                    return java.util.Optional.of(line.substring(colon + 1).trim());
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or not readable
        }
        return java.util.Optional.empty();
    }

    private static String kibToGib(String memTotal) {
        try {
            long kib = Long.parseLong(memTotal.replace("kB", "").trim());
            return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return memTotal;
        }
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
