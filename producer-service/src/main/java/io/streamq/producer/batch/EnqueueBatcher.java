package io.streamq.producer.batch;

import io.smallrye.mutiny.Uni;
import io.streamq.core.batch.CoalescingLane;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.EnqueuedJob;
import io.streamq.core.job.NewJob;
import io.streamq.core.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;

/**
 * Sends concurrent single enqueues to Redis together, one {@link CoalescingLane} per queue. The enqueue script
 * handles each job of a call on its own (ids, idempotency keys, debounce), as it would in separate calls made in the
 * same order. One call touches one queue only, so a call that fails concerns only the requests whose jobs it
 * carried, as before.
 */
@ApplicationScoped
public class EnqueueBatcher {

    private final Map<QueueName, CoalescingLane<NewJob, EnqueuedJob>> lanes = new EnumMap<>(QueueName.class);

    public EnqueueBatcher(JobStore store, EnqueueBatchConfig config) {
        for (QueueName queue : QueueName.values()) {
            lanes.put(queue, new CoalescingLane<>(store::enqueue, config.maxBatch(), config.callTimeout(), null));
        }
    }

    public Uni<EnqueuedJob> enqueue(NewJob job) {
        return lanes.get(job.type().queue()).submit(job);
    }
}
