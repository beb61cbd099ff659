package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Completion;
import io.streamq.core.job.EnqueueOptions;
import io.streamq.core.job.JobError;
import io.streamq.core.job.JobView;
import io.streamq.core.job.NewJob;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.WorkQueue;
import io.streamq.core.testing.QueueInvariants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives the system queue through the real store (the scripts as LuaScript assembles them) the way producers and
 * workers do, consumer by consumer, so a test can spell out an interleaving step by step.
 */
@ApplicationScoped
public class QueueFixture {

    static final QueueName Q = QueueName.SYSTEM;
    static final QueueKeys K = QueueKeys.of(Q);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    JobStore jobs;

    @Inject
    WorkQueue work;

    @Inject
    RedisDataSource redis;

    void reset() {
        redis.flushall();
    }

    List<String> enqueue(int n) {
        return enqueue(n, 0);
    }

    List<String> enqueue(int n, long delayMs) {
        List<NewJob> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(new NewJob(JobType.SYSTEM_HEALTH_CHECK, "{}", "t", "w", "a", null, delayMs));
        }
        return jobs.enqueue(batch).await().atMost(WAIT).stream().map(e -> e.id()).toList();
    }

    /** Enqueues {@code n} jobs at {@code priority}, in this order. */
    List<String> enqueueAt(int priority, int n) {
        List<NewJob> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(new NewJob(JobType.SYSTEM_HEALTH_CHECK, "{}", "t", "w", "a", null, 0,
                    new EnqueueOptions(priority, 0, false)));
        }
        return jobs.enqueue(batch).await().atMost(WAIT).stream().map(e -> e.id()).toList();
    }

    List<ClaimedJob> claim(String consumer, int max) {
        ClaimResult r = work.claim(Q, consumer, max).await().atMost(WAIT);
        return r instanceof ClaimResult.Jobs j ? j.jobs() : List.of();
    }

    ClaimedJob claimOne(String consumer) {
        List<ClaimedJob> claimed = claim(consumer, 1);
        if (claimed.size() != 1) {
            throw new AssertionError(consumer + " claimed " + claimed);
        }
        return claimed.getFirst();
    }

    boolean complete(String consumer, ClaimedJob job) {
        return work.complete(Q, consumer, List.of(new Completion(job, 5, "{}"))).await().atMost(WAIT).getFirst();
    }

    boolean retry(String consumer, ClaimedJob job, long backoffMs) {
        return work.retry(job, consumer, backoffMs, 5, new JobError("boom", "Boom", "failed on purpose", null))
                .await().atMost(WAIT);
    }

    boolean failToDlq(String consumer, ClaimedJob job) {
        return work.failToDlq(job, consumer, 5, new JobError("boom", "Boom", "failed for good", null))
                .await().atMost(WAIT);
    }

    int promoteDue() {
        return work.promote(Q, 100).await().atMost(WAIT).promoted();
    }

    JobView job(String id) {
        return jobs.find(id).await().atMost(WAIT).orElseThrow(() -> new AssertionError("no job " + id));
    }

    boolean exists(String id) {
        return jobs.find(id).await().atMost(WAIT).isPresent();
    }

    Map<String, String> counts() {
        return redis.hash(String.class).hgetall(K.counts());
    }

    /** Adds an entry naming {@code jobId} by hand: a stray, as a lost removal or an older release could leave. */
    String addStrayEntry(String jobId) {
        return redis.execute("XADD", K.stream(), "*", "j", jobId).toString();
    }

    /** Delivers the oldest undelivered entry to {@code consumer} outside the scripts, as a worker of old would. */
    void deliverRaw(String consumer) {
        redis.execute("XREADGROUP", "GROUP", QueueKeys.CONSUMER_GROUP, consumer, "COUNT", "1", "STREAMS", K.stream(),
                ">");
    }

    void assertInvariant() {
        QueueInvariants.of(redis).assertHolds(Q);
    }

    /** Longer than the system queue's visibility timeout in the test profile (0.5 s). */
    static void outlastVisibility() {
        sleep(700);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
