package io.streamq.worker.handler;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.SystemHealthCheck;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The canary: reports how long the job waited from enqueue to start, both stamped by the Redis clock, which is
 * the queue's real end-to-end latency as a client sees it; and when it started by this machine's clock in
 * microseconds, which a client on the same machine (the benchmark) compares with its own send time, finer than the
 * Redis stamps' whole milliseconds. Asked to fail ({@code fail: true}), it fails every attempt
 * the same way, so the failure path runs exactly as for a real job that keeps failing.
 */
@ApplicationScoped
public class SystemHealthCheckHandler implements JobHandler {

    /** The error code of a failure drill, for the DLQ's analytics and an operator's filters. */
    public static final String DRILL_CODE = "health-check-drill";

    public record Result(String probe, long queueLatencyMs, String workerId, int attempt, long startedAtMicros) {
    }

    @Override
    public JobType type() {
        return JobType.SYSTEM_HEALTH_CHECK;
    }

    @Override
    public Object handle(JobContext context) throws JobFailure {
        long startedAtMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        SystemHealthCheck check = context.payload(SystemHealthCheck.class);
        if (check.failDrill()) {
            throw new JobFailure(DRILL_CODE, "Failure drill: this health check was asked to fail (attempt "
                    + context.job().attempt() + ")", true);
        }
        return new Result(check.probe(), context.job().startedAt() - context.job().createdAt(), context.workerId(),
                context.job().attempt(), startedAtMicros);
    }
}
