package io.streamq.worker.handler;

import io.streamq.core.contract.payload.JobPayload;
import io.streamq.core.job.ClaimedJob;

import java.time.Duration;
import java.util.Arrays;
import java.util.IllegalFormatException;

/**
 * What a handler knows of its job. {@code job.attempt()} lets it be idempotent across retries and recovery;
 * {@code cancellation} says when to stop (its timeout, a shutdown, a takeover, or a producer or owner cancelled the
 * job); {@code reporter} takes its progress and log lines.
 */
public record JobContext(ClaimedJob job, JobPayload payload, Duration timeout, String workerId,
                         Cancellation cancellation, JobReporter reporter) {

    public <T extends JobPayload> T payload(Class<T> type) {
        return type.cast(payload);
    }

    public boolean cancelled() {
        return cancellation.cancelled();
    }

    /** Reports a percentage (0-100) done. */
    public void progress(int percent) {
        reporter.progress(percent, null);
    }

    /** Reports a percentage (0-100) done and a small object (steps, counts) to show beside it. */
    public void progress(int percent, Object data) {
        reporter.progress(percent, data);
    }

    /** Appends {@code String.format(format, args)} to the job's log; a bad format logs the raw text and values. */
    public void log(String format, Object... args) {
        if (args.length == 0) {
            reporter.log(format);
            return;
        }
        String line;
        try {
            line = String.format(format, args);
        } catch (IllegalFormatException e) {
            line = format + " " + Arrays.toString(args);
        }
        reporter.log(line);
    }
}
