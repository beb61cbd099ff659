package io.streamq.monitor.admin;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobLogLine;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.JobReports;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * A job's log lines for the owner, told apart from a job that does not exist: a job without lines and no job at all
 * both read as an empty log, and only the second is a 404. Checks the job's hash, not its payload, which may be large.
 */
@ApplicationScoped
public class JobLogsRead {

    private final JobReports reports;
    private final ReactiveRedisDataSource redis;

    public JobLogsRead(JobReports reports, ReactiveRedisDataSource redis) {
        this.reports = reports;
        this.redis = redis;
    }

    /** The lines, oldest first; empty when the queue has no such job. */
    public Uni<Optional<List<JobLogLine>>> of(QueueName queue, String jobId) {
        return Uni.combine().all().unis(redis.key().exists(QueueKeys.of(queue).job(jobId)), reports.logs(jobId))
                .asTuple().map(t -> t.getItem1() ? Optional.of(t.getItem2()) : Optional.empty());
    }
}
