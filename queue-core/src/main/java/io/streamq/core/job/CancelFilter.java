package io.streamq.core.job;

/**
 * Which jobs a cancel may stop: those of a job type and/or a tenant; null matches any. The cancel script checks it on
 * each job as it is when the script runs, so a page of ids read earlier is safe to pass.
 */
public record CancelFilter(String jobName, String tenant) {

    public static final CancelFilter ANY = new CancelFilter(null, null);

    /** Only the jobs of {@code tenant}: a producer may stop its own tenant's jobs and no others. */
    public static CancelFilter tenant(String tenant) {
        return new CancelFilter(null, tenant);
    }
}
