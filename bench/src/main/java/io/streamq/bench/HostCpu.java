package io.streamq.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How much CPU the rest of the machine used while the bench ran: the host's busy time (/proc/stat) minus that of the
 * bench's own process tree (this JVM, redis-server, the services; exited children count through cutime/cstime).
 * Linux only; elsewhere {@link #available()} is false and nothing is reported.
 */
final class HostCpu {

    record Sample(long wallNanos, long hostBusyTicks, long treeTicks) {
    }

    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private HostCpu() {
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/stat")) && Files.isReadable(Path.of("/proc/self/stat"));
    }

    static Sample sample() {
        long tree = processTicks(ProcessHandle.current().pid());
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            tree += processTicks(child.pid());
        }
        return new Sample(System.nanoTime(), hostBusyTicks(), tree);
    }

    /** Cores' worth of CPU used by processes outside the bench between two samples; NaN if unknown. */
    static double foreignCores(Sample from, Sample to) {
        if (from == null || to == null || from.hostBusyTicks() < 0 || to.hostBusyTicks() < 0) {
            return Double.NaN;
        }
        double wallSeconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        if (wallSeconds <= 0) {
            return Double.NaN;
        }
        long foreign = (to.hostBusyTicks() - from.hostBusyTicks()) - (to.treeTicks() - from.treeTicks());
        return Math.max(0, foreign) / (double) TICKS_PER_SECOND / wallSeconds;
    }

    private static long hostBusyTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).getFirst();
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
                if (i < f.length) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime + cutime + cstime of one process, 0 if it is gone. */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
