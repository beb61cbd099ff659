package io.streamq.monitor.metrics;

import java.util.List;

/** Average and nearest-rank quantiles of a small sample (at most 1,000), sorted once. */
public final class Percentiles {
    private Percentiles() {
    }

    public static ProcessingStats of(List<Long> samples) {
        if (samples.isEmpty()) {
            return new ProcessingStats(0, null, null, null, null);
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        double avg = samples.stream().mapToLong(Long::longValue).average().orElse(0);
        return new ProcessingStats(sorted.length, Math.round(avg * 100) / 100.0, rank(sorted, 0.50),
                rank(sorted, 0.95), rank(sorted, 0.99));
    }

    /** Nearest rank: the smallest sample with at least q of the samples at or below it; always a real sample. */
    static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
