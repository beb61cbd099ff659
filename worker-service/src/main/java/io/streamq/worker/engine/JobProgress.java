package io.streamq.worker.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.JobLogLine;
import io.streamq.core.store.JobReports;
import io.streamq.worker.handler.JobReporter;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One attempt's progress and log lines on their way to its job. A handler may report as often as it likes; what it
 * reports is kept here and written at most once per interval, one write at a time (so progress events go out in
 * the order reported), and whatever is left is written by {@link #close} before the attempt's outcome is recorded.
 * Reports are best effort: a write that fails is dropped, never retried against the job's outcome.
 */
final class JobProgress implements JobReporter {
    private static final Logger LOG = Logger.getLogger(JobProgress.class);
    private static final long MIN_TIMER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ClaimedJob job;
    private final String consumer;
    private final JobReports reports;
    private final ObjectMapper mapper;
    private final long intervalNanos;
    private final ArrayDeque<JobLogLine> lines = new ArrayDeque<>();
    private String progress;
    private long lastWriteNanos;
    private boolean writing;
    private boolean timerSet;
    private boolean closed;
    private volatile boolean warned;

    JobProgress(ClaimedJob job, String consumer, JobReports reports, ObjectMapper mapper, Duration interval) {
        this.job = job;
        this.consumer = consumer;
        this.reports = reports;
        this.mapper = mapper;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void progress(Integer percent, Object data) {
        String json;
        try {
            json = progressJson(percent, data);
        } catch (IllegalArgumentException e) {
            // A report must never fail the work it reports on: the bad value is dropped, once loudly.
            if (!warned) {
                warned = true;
                LOG.warnf("%s: %s reported a progress that is dropped: %s", job.queue(), job.jobId(), e.getMessage());
            }
            return;
        }
        synchronized (this) {
            if (!closed) {
                progress = json;
                writeSoon();
            }
        }
    }

    @Override
    public void log(String line) {
        JobLogLine entry = new JobLogLine(System.currentTimeMillis(), job.attempt(), cut(String.valueOf(line)));
        synchronized (this) {
            if (closed) {
                return;
            }
            lines.addLast(entry);
            // The job keeps only its newest lines: older ones need not wait here for a write.
            if (lines.size() > JobReports.MAX_LINES) {
                lines.removeFirst();
            }
            writeSoon();
        }
    }

    /**
     * Takes no more reports and writes what is pending, after the write in flight; waits at most {@code timeout}.
     */
    void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            closed = true;
            try {
                while (writing || pending()) {
                    if (!writing) {
                        startWrite();
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.debugf("%s: the last progress and log lines of %s were not written in %s", job.queue(),
                                job.jobId(), timeout);
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String progressJson(Integer percent, Object data) {
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new IllegalArgumentException("progress percent must be 0-100, was " + percent);
        }
        ObjectNode value = mapper.createObjectNode();
        if (percent != null) {
            value.put("percent", percent);
        }
        if (data != null) {
            value.set("data", mapper.valueToTree(data));
        }
        String json;
        try {
            json = mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("progress data is not serialisable to JSON", e);
        }
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > JobReports.MAX_PROGRESS_BYTES) {
            throw new IllegalArgumentException("progress is " + bytes + " bytes as JSON; at most "
                    + JobReports.MAX_PROGRESS_BYTES + " are kept on a job");
        }
        return json;
    }

    /** Cut at a code point boundary, so no lone surrogate half is stored. */
    private static String cut(String line) {
        if (line.length() <= JobReports.MAX_LINE_CHARS) {
            return line;
        }
        int end = JobReports.MAX_LINE_CHARS;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end);
    }

    private boolean pending() {
        return progress != null || !lines.isEmpty();
    }

    /** Holding the lock: writes now, or sets one timer for when the interval since the last write has passed. */
    private void writeSoon() {
        if (writing || timerSet) {
            return;
        }
        long wait = lastWriteNanos == 0 ? 0 : lastWriteNanos + intervalNanos - System.nanoTime();
        if (wait <= 0) {
            startWrite();
            return;
        }
        timerSet = true;
        // Vert.x refuses a timer under 1 ms (the exception is only logged), which would leave timerSet for good and
        // the job's progress unwritten until it ends: a shorter wait is rounded up.
        Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(Math.max(wait, MIN_TIMER_NANOS)))
                .subscribe().with(ignored -> timerFired());
    }

    private synchronized void timerFired() {
        timerSet = false;
        if (!writing && pending()) {
            startWrite();
        }
    }

    /** Holding the lock: sends what is pending as one call. */
    private void startWrite() {
        String value = progress;
        List<JobLogLine> batch = List.copyOf(lines);
        progress = null;
        lines.clear();
        writing = true;
        lastWriteNanos = System.nanoTime();
        reports.report(job, consumer, value, batch).subscribe().with(
                report -> written(),
                failure -> {
                    LOG.debugf("%s: progress of %s not written: %s", job.queue(), job.jobId(), failure.toString());
                    written();
                });
    }

    private synchronized void written() {
        writing = false;
        if (pending() && !closed) {
            writeSoon();
        }
        notifyAll();
    }
}
