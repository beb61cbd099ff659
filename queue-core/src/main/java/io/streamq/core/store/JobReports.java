package io.streamq.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.JobIds;
import io.streamq.core.job.JobLogLine;
import io.streamq.core.job.ProgressReport;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.script.JobControlCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A running job's progress and log lines (commands/report-progress.lua), and reading its log back. The bounds are
 * the platform's, not a handler's choice: a job keeps at most {@value #MAX_LINES} lines of at most
 * {@value #MAX_LINE_CHARS} characters each, and a progress value of at most {@value #MAX_PROGRESS_BYTES} bytes.
 */
@ApplicationScoped
public class JobReports {
    public static final int MAX_LINES = 200;
    public static final int MAX_LINE_CHARS = 1_000;
    public static final int MAX_PROGRESS_BYTES = 1_024;

    private final ScriptRunner scripts;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;

    public JobReports(ScriptRunner scripts, ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.scripts = scripts;
        this.redis = redis;
        this.mapper = mapper;
    }

    /**
     * Stores the latest progress (JSON {@code {"percent"?, "data"?}}, null for no change) of the attempt that
     * {@code consumer} runs as {@code job}, and appends its lines (each already within {@value #MAX_LINE_CHARS}
     * characters).
     */
    public Uni<ProgressReport> report(ClaimedJob job, String consumer, String progressJson, List<JobLogLine> lines) {
        QueueKeys k = QueueKeys.of(job.queue());
        ScriptCall call = ScriptCall.of(JobControlCommands.REPORT_PROGRESS)
                .key("job", k.job(job.jobId())).key("logs", k.logs(job.jobId()))
                .arg("queue", job.queue().wireName()).arg("channel", Channels.JOB_EVENTS).arg("jobId", job.jobId())
                .arg("consumer", consumer).arg("entryId", job.entryId())
                .arg("progress", progressJson == null ? "" : progressJson)
                .arg("max lines", MAX_LINES);
        lines.forEach(line -> call.arg("line", json(line)));
        return scripts.run(call).map(r -> new ProgressReport(r.get(0).toInteger() == 1, r.get(1).toInteger()));
    }

    /** The job's log, oldest line first; empty for a job without lines (or no such job). */
    public Uni<List<JobLogLine>> logs(String jobId) {
        Optional<QueueName> queue = JobIds.queueOf(jobId);
        if (queue.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return redis.list(String.class).lrange(QueueKeys.of(queue.get()).logs(jobId), 0, -1).map(stored -> {
            List<JobLogLine> out = new ArrayList<>(stored.size());
            for (String s : stored) {
                out.add(parse(s));
            }
            return out;
        });
    }

    private String json(JobLogLine line) {
        try {
            return mapper.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JobLogLine parse(String stored) {
        try {
            return mapper.readValue(stored, JobLogLine.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
