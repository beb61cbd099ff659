package io.streamq.producer;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.job.CancelVerdict;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Completion;
import io.streamq.core.job.JobError;
import io.streamq.core.store.JobControl;
import io.streamq.core.store.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Finishes jobs through queue-core as a worker and an owner would, against the test's Redis. */
@ApplicationScoped
public class TestWorker {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String CONSUMER = "producer-test-worker";
    private static final int CLAIM_BATCH = 200;
    private static final int COMPLETE_BATCH = 100;

    // Jobs claimed on the way to others (of earlier tests, or later in the stream), handed out when asked for.
    private final Map<String, ClaimedJob> held = new ConcurrentHashMap<>();
    private final WorkQueue work;
    private final JobControl control;

    public TestWorker(WorkQueue work, JobControl control) {
        this.work = work;
        this.control = control;
    }

    /** Claims the queue's jobs until all of {@code jobIds} are this worker's; they become active. */
    List<ClaimedJob> claim(QueueName queue, Collection<String> jobIds) {
        while (!held.keySet().containsAll(jobIds)) {
            ClaimResult r = work.claim(queue, CONSUMER, CLAIM_BATCH).await().atMost(WAIT);
            if (!(r instanceof ClaimResult.Jobs jobs) || jobs.jobs().isEmpty()) {
                throw new AssertionError("not claimable: " + jobIds + " (" + r + ")");
            }
            jobs.jobs().forEach(j -> held.put(j.jobId(), j));
        }
        return jobIds.stream().map(held::remove).toList();
    }

    ClaimedJob claim(QueueName queue, String jobId) {
        return claim(queue, List.of(jobId)).getFirst();
    }

    /** Completes claimed jobs of one queue, {@value #COMPLETE_BATCH} per call (one finish message each). */
    void complete(List<ClaimedJob> jobs) {
        for (int from = 0; from < jobs.size(); from += COMPLETE_BATCH) {
            List<Completion> batch = new ArrayList<>();
            for (ClaimedJob job : jobs.subList(from, Math.min(jobs.size(), from + COMPLETE_BATCH))) {
                batch.add(new Completion(job, 5, "{\"ok\":true}"));
            }
            List<Boolean> recorded = work.complete(jobs.getFirst().queue(), CONSUMER, batch).await().atMost(WAIT);
            if (recorded.contains(false)) {
                throw new AssertionError("a completion was not recorded: " + recorded);
            }
        }
    }

    void complete(ClaimedJob job) {
        complete(List.of(job));
    }

    boolean tryComplete(ClaimedJob job) {
        return work.complete(job.queue(), CONSUMER, List.of(new Completion(job, 5, "{}"))).await().atMost(WAIT)
                .getFirst();
    }

    void failToDlq(ClaimedJob job) {
        if (!work.failToDlq(job, CONSUMER, 5, new JobError("test-failure", "TestFailure", "failed on purpose", ""))
                .await().atMost(WAIT)) {
            throw new AssertionError("fail-to-dlq not recorded for " + job.jobId());
        }
    }

    /** Cancels as an owner would: any tenant's job. */
    CancelVerdict cancel(String jobId) {
        return control.cancel(jobId, "test-owner", CancelFilter.ANY).await().atMost(WAIT);
    }
}
