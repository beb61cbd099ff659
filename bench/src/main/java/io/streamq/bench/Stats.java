package io.streamq.bench;

import org.HdrHistogram.Histogram;

import java.util.Arrays;

/** The arithmetic of the report: rates, percentiles and per-job costs. Pure functions, unit-tested. */
final class Stats {

    /** Latency histograms are kept in microseconds, 3 significant digits, up to 10 minutes. */
    static final long HISTOGRAM_MAX_MICROS = 600_000_000L;

    private Stats() {
    }

    static Histogram newHistogram() {
        return new Histogram(HISTOGRAM_MAX_MICROS, 3);
    }

    /** Events per second; NaN when no time elapsed. */
    static double perSecond(long count, long elapsedNanos) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        if (elapsedNanos <= 0) {
            return Double.NaN;
        }
        return count * 1e9 / elapsedNanos;
    }

    /**
     * Nearest-rank percentile: the smallest value such that at least {@code p}% of the values are less than or equal
     * to it. {@code p} = 0 gives the minimum, 100 the maximum. The array is not modified.
     */
    static long percentile(long[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile out of range: " + p);
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentileOfSorted(sorted, p);
    }

    static long percentileOfSorted(long[] sorted, double p) {
        if (p == 0) {
            return sorted[0];
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }

    /** p50, p90, p99 and max of exact values (for example milliseconds). */
    static Percentiles exact(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, percentileOfSorted(sorted, 50), percentileOfSorted(sorted, 90),
                percentileOfSorted(sorted, 99), sorted[sorted.length - 1]);
    }

    /** p50, p90, p99 and max of a histogram, in the histogram's unit. */
    static Percentiles of(Histogram h) {
        if (h.getTotalCount() == 0) {
            throw new IllegalArgumentException("empty histogram");
        }
        return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getMaxValue());
    }

    /** Bytes of Redis memory per job; negative differences (memory given back meanwhile) are reported as they are. */
    static double bytesPerJob(long usedBefore, long usedAfter, long jobs) {
        if (jobs <= 0) {
            throw new IllegalArgumentException("no jobs");
        }
        return (double) (usedAfter - usedBefore) / jobs;
    }

    /** Milliseconds of Redis CPU per 1,000 jobs, from a CPU time difference in seconds. */
    static double cpuMsPerThousandJobs(double cpuSecondsDelta, long jobs) {
        if (jobs <= 0) {
            throw new IllegalArgumentException("no jobs");
        }
        return cpuSecondsDelta * 1000.0 / jobs * 1000.0;
    }

    /** Percentiles in one unit; {@code count} is how many values they summarise. */
    /** Microseconds since the epoch by this machine's clock, comparable with a service's on the same machine. */
    static long epochMicros() {
        return java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, java.time.Instant.now());
    }

    record Percentiles(long count, long p50, long p90, long p99, long max) {
    }
}
