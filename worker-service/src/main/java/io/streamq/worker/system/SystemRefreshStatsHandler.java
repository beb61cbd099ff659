package io.streamq.worker.system;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.contract.payload.SystemRefreshStats;
import io.streamq.core.store.QueueMaintenance;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * system.refresh-stats: recomputes {@code waiting} (undelivered stream entries) and {@code active} (entries pending
 * in the {@code workers} group) of one work queue, or of all, from the stream itself, and repairs drift in
 * {@code q:{Q}:counts}; reports the counters before and after.
 */
@ApplicationScoped
public class SystemRefreshStatsHandler implements JobHandler {

    public record Counts(long waiting, long active) {
    }

    public record QueueResult(Counts before, Counts after, boolean repaired) {
    }

    public record Result(Map<String, QueueResult> queues, int repaired) {
    }

    private final QueueMaintenance maintenance;

    public SystemRefreshStatsHandler(QueueMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public JobType type() {
        return JobType.SYSTEM_REFRESH_STATS;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        SystemRefreshStats job = context.payload(SystemRefreshStats.class);
        List<QueueName> queues = job.queue() == null ? List.copyOf(QueueName.workQueues())
                : QueueName.workQueues().stream().filter(q -> q.wireName().equals(job.queue())).toList();
        Map<String, QueueResult> out = new LinkedHashMap<>();
        int repaired = 0;
        for (QueueName queue : queues) {
            if (context.cancelled()) {
                throw new CancellationException("refresh cancelled at queue " + queue.wireName());
            }
            QueueMaintenance.Recount r = maintenance.refreshCounts(queue).await().atMost(context.timeout());
            context.log("%s: waiting %d -> %d, active %d -> %d%s", queue.wireName(), r.waitingBefore(),
                    r.waitingAfter(), r.activeBefore(), r.activeAfter(), r.drifted() ? " (repaired)" : "");
            out.put(queue.wireName(), new QueueResult(new Counts(r.waitingBefore(), r.activeBefore()),
                    new Counts(r.waitingAfter(), r.activeAfter()), r.drifted()));
            repaired += r.drifted() ? 1 : 0;
            new QueueSteps(out.size(), queues.size()).report(context);
        }
        return new Result(out, repaired);
    }
}
