package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.streamq.core.contract.JobType;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.JobError;
import io.streamq.core.job.NewJob;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * Produces dead jobs exactly as the worker does: enqueue with {@link JobStore}, claim with {@link WorkQueue#claim},
 * then {@link WorkQueue#failToDlq} (the real fail-to-dlq script writes the dead-stream record), and waits for the
 * running dlq-service to forward it.
 */
@ApplicationScoped
public class DlqTestSupport {

    static final String WORKER = "test-worker";

    @Inject
    JobStore jobs;

    @Inject
    WorkQueue work;

    @Inject
    DlqStore store;

    @Inject
    RedisDataSource redis;

    String enqueue(JobType type, String payloadJson) {
        NewJob job = new NewJob(type, payloadJson, "tenant-1", "workspace-1", "actor-1", null, 0);
        return jobs.enqueue(List.of(job)).await().atMost(Duration.ofSeconds(5)).getFirst().id();
    }

    /** Claims until job {@code id} is held (leftovers claimed on the way fail too) and fails it for good. */
    void failForGood(JobType type, String id, JobError error) {
        for (int i = 0; i < 100; i++) {
            ClaimResult r = work.claim(type.queue(), WORKER, 1).await().atMost(Duration.ofSeconds(5));
            if (r instanceof ClaimResult.Jobs jobsClaimed) {
                for (ClaimedJob job : jobsClaimed.jobs()) {
                    boolean failed = work.failToDlq(job, WORKER, 5, error).await().atMost(Duration.ofSeconds(5));
                    if (job.jobId().equals(id)) {
                        if (!failed) {
                            throw new AssertionError("fail-to-dlq refused " + id);
                        }
                        return;
                    }
                }
            }
        }
        throw new AssertionError("never claimed " + id);
    }

    /** Fails for good every job waiting on the type's queue (tests leave no live job behind). */
    void failAllWaiting(JobType type, JobError error) {
        for (int i = 0; i < 100; i++) {
            ClaimResult r = work.claim(type.queue(), WORKER, 10).await().atMost(Duration.ofSeconds(5));
            if (!(r instanceof ClaimResult.Jobs claimed) || claimed.jobs().isEmpty()) {
                return;
            }
            for (ClaimedJob job : claimed.jobs()) {
                work.failToDlq(job, WORKER, 5, error).await().atMost(Duration.ofSeconds(5));
            }
        }
    }

    /** A job that exhausted its attempts, forwarded into the DLQ. */
    DlqEntry deadJob(JobType type, String payloadJson, JobError error) {
        String id = enqueue(type, payloadJson);
        failForGood(type, id, error);
        return awaitEntry(id, e -> true);
    }

    DlqEntry awaitEntry(String id, java.util.function.Predicate<DlqEntry> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> find(id).filter(condition).isPresent());
        return find(id).orElseThrow();
    }

    Optional<DlqEntry> find(String id) {
        return store.find(id).await().atMost(Duration.ofSeconds(5));
    }

    /** Every stored entry, read straight from the entry hashes (independently of the indexes and counters). */
    List<DlqEntry> allEntries() {
        List<DlqEntry> out = new ArrayList<>();
        String prefix = DlqKeys.entry("");
        for (String key : redis.key().scan(new KeyScanArgs().match(prefix.replace("{", "\\{").replace("}", "\\}")
                + "*").count(1000)).toIterable()) {
            String id = key.substring(prefix.length());
            find(id).ifPresent(out::add);
        }
        return out;
    }

    long deadStreamLength(io.streamq.core.contract.QueueName queue) {
        return redis.stream(String.class).xlen(QueueKeys.of(queue).deadStream());
    }

    /** Stream entries of a queue that deliver job {@code id}. */
    long deliveries(io.streamq.core.contract.QueueName queue, String id) {
        return redis.stream(String.class).xrange(QueueKeys.of(queue).stream(),
                        io.quarkus.redis.datasource.stream.StreamRange.of("-", "+")).stream()
                .filter(m -> id.equals(m.payload().get("j"))).count();
    }

    static JobError error(String code, String message) {
        return new JobError(code, "HandlerError", message, "java.lang.IllegalStateException: " + message
                + "\n\tat io.example.Handler.run(Handler.java:42)");
    }
}
