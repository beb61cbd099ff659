package io.streamq.monitor.metrics;

/** Jobs of a queue by state, now. */
public record QueueCounts(long waiting, long active, long delayed, long completed, long failed) {

    /** What a purge would delete: every state but active (active jobs are left to finish). */
    public long purgeable() {
        return waiting + delayed + completed + failed;
    }
}
