package io.streamq.producer.domain;

import io.smallrye.mutiny.Uni;
import io.streamq.core.job.EnqueuedJob;
import io.streamq.core.job.NewJob;
import io.streamq.core.store.JobStore;
import io.streamq.producer.batch.EnqueueBatcher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Hands validated jobs to the store. Rejected items never reach Redis. */
@ApplicationScoped
public class JobSubmitter {

    private final JobStore store;
    private final EnqueueBatcher singles;

    public JobSubmitter(JobStore store, EnqueueBatcher singles) {
        this.store = store;
        this.singles = singles;
    }

    /** One job, sent together with whatever other single enqueues are waiting for Redis at the moment. */
    public Uni<EnqueuedJob> submit(NewJob job) {
        return singles.enqueue(job);
    }

    /**
     * Enqueues every valid item in one store call (one script per queue), so a bulk request costs a handful of
     * round trips however many jobs it holds; answers one outcome per item, in request order.
     */
    public Uni<List<ItemOutcome>> submitAll(List<JobRead> items) {
        List<NewJob> valid = new ArrayList<>();
        for (JobRead item : items) {
            if (item instanceof JobRead.Valid v) {
                valid.add(v.job());
            }
        }
        Uni<List<EnqueuedJob>> enqueued = valid.isEmpty() ? Uni.createFrom().item(List.of()) : store.enqueue(valid);
        return enqueued.map(jobs -> {
            List<ItemOutcome> out = new ArrayList<>(items.size());
            int next = 0;
            for (int i = 0; i < items.size(); i++) {
                switch (items.get(i)) {
                    case JobRead.Valid v -> out.add(new ItemOutcome(i, jobs.get(next++), List.of()));
                    case JobRead.Rejected r -> out.add(new ItemOutcome(i, null, r.errors()));
                }
            }
            return out;
        });
    }
}
