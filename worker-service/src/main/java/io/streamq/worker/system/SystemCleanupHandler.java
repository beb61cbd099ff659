package io.streamq.worker.system;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.contract.payload.SystemCleanup;
import io.streamq.core.store.QueueMaintenance;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * system.cleanup: deletes completed and failed jobs of every work queue that finished more than
 * {@code olderThanHours} ago (the Redis clock decides), in script calls of bounded size repeated until none is
 * left, and reports how many it removed per queue. Each queue is a step of its progress; a cancelled job stops between
 * script calls.
 */
@ApplicationScoped
public class SystemCleanupHandler implements JobHandler {

    public record Removed(long completed, long failed, long cancelled) {
    }

    public record Result(int olderThanHours, long removed, Map<String, Removed> queues) {
    }

    private final QueueMaintenance maintenance;
    private final int batch;

    public SystemCleanupHandler(QueueMaintenance maintenance, IntegrationsConfig config) {
        this.maintenance = maintenance;
        this.batch = config.maintenance().cleanupBatch();
    }

    @Override
    public JobType type() {
        return JobType.SYSTEM_CLEANUP;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        SystemCleanup job = context.payload(SystemCleanup.class);
        Duration age = Duration.ofHours(job.olderThanHours());
        Map<String, Removed> queues = new LinkedHashMap<>();
        long total = 0;
        List<QueueName> all = QueueName.workQueues();
        for (QueueName queue : all) {
            long completed = 0;
            long failed = 0;
            long cancelled = 0;
            QueueMaintenance.Swept swept;
            do {
                if (context.cancelled()) {
                    throw new CancellationException("cleanup cancelled at queue " + queue.wireName());
                }
                swept = maintenance.sweepFinished(queue, age, batch).await().atMost(context.timeout());
                completed += swept.completed();
                failed += swept.failed();
                cancelled += swept.cancelled();
            } while (swept.full(batch));
            queues.put(queue.wireName(), new Removed(completed, failed, cancelled));
            total += completed + failed + cancelled;
            context.log("%s: removed %d completed, %d failed, %d cancelled", queue.wireName(), completed, failed,
                    cancelled);
            new QueueSteps(queues.size(), all.size()).report(context);
        }
        return new Result(job.olderThanHours(), total, queues);
    }
}
