package io.streamq.worker.handler;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.SystemHealthCheck;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The canary: reports how long the job waited from enqueue to start, both stamped by the Redis clock, which is
 * the queue's real end-to-end latency as a client sees it.
 */
@ApplicationScoped
public class SystemHealthCheckHandler implements JobHandler {

    public record Result(String probe, long queueLatencyMs, String workerId, int attempt) {
    }

    @Override
    public JobType type() {
        return JobType.SYSTEM_HEALTH_CHECK;
    }

    @Override
    public Object handle(JobContext context) {
        SystemHealthCheck check = context.payload(SystemHealthCheck.class);
        return new Result(check.probe(), context.job().startedAt() - context.job().createdAt(), context.workerId(),
                context.job().attempt());
    }
}
