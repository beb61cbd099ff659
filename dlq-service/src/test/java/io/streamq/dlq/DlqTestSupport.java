package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Completion;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
        whenHeld(type, id, error, job -> work.failToDlq(job, WORKER, 5, error).await().atMost(Duration.ofSeconds(5)));
    }

    /** Claims until job {@code id} is held (leftovers claimed on the way fail) and completes it, as a worker does. */
    void complete(JobType type, String id) {
        whenHeld(type, id, error("leftover", "claimed on the way"), job -> work.complete(type.queue(), WORKER,
                List.of(new Completion(job, 5, "{}"))).await().atMost(Duration.ofSeconds(5)).getFirst());
    }

    private void whenHeld(JobType type, String id, JobError others, Function<ClaimedJob, Boolean> outcome) {
        for (int i = 0; i < 100; i++) {
            ClaimResult r = work.claim(type.queue(), WORKER, 1).await().atMost(Duration.ofSeconds(5));
            if (r instanceof ClaimResult.Jobs jobsClaimed) {
                for (ClaimedJob job : jobsClaimed.jobs()) {
                    if (!job.jobId().equals(id)) {
                        work.failToDlq(job, WORKER, 5, others).await().atMost(Duration.ofSeconds(5));
                    } else if (!outcome.apply(job)) {
                        throw new AssertionError("the outcome of " + id + " was refused");
                    } else {
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

    long deadStreamLength(QueueName queue) {
        return redis.stream(String.class).xlen(QueueKeys.of(queue).deadStream());
    }

    /** Stream entries of a queue that deliver job {@code id}. */
    long deliveries(QueueName queue, String id) {
        return redis.stream(String.class).xrange(QueueKeys.of(queue).stream(),
                        io.quarkus.redis.datasource.stream.StreamRange.of("-", "+")).stream()
                .filter(m -> id.equals(m.payload().get("j"))).count();
    }

    /** Hands a record to a queue's dead stream, as fail-to-dlq and complete do, for the forwarder to pick up. */
    void handOff(QueueName queue, Map<String, String> record) {
        redis.stream(String.class).xadd(QueueKeys.of(queue).deadStream(), record);
    }

    /** Waits until the forwarder has stored and deleted everything on the queue's dead stream. */
    void awaitForwarded(QueueName queue) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> deadStreamLength(queue) == 0);
    }

    /** The dead-stream record fail-to-dlq would write for entry {@code e} failing (again) at {@code lastFailedAt}. */
    static Map<String, String> failureRecord(DlqEntry e, long lastFailedAt) {
        Map<String, String> record = new HashMap<>();
        record.put("type", "dlq.record-failure");
        record.put("originalQueue", e.originalQueue());
        record.put("originalJobId", e.id());
        record.put("originalJobName", e.originalJobName());
        record.put("errorName", e.errorName());
        record.put("errorMessage", e.errorMessage());
        record.put("errorStack", e.errorStack());
        record.put("errorCode", e.errorCode());
        record.put("firstFailedAt", Long.toString(e.firstFailedAt()));
        record.put("lastFailedAt", Long.toString(lastFailedAt));
        record.put("attemptsMade", Integer.toString(e.attemptsMade()));
        record.put("payload", e.payload());
        record.put("tenantId", "tenant-1");
        record.put("workspaceId", "workspace-1");
        record.put("actorId", "actor-1");
        record.put("replayCount", Integer.toString(e.replayCount()));
        return record;
    }

    /** The dead-stream record complete writes when a dead-lettered job succeeds. */
    static Map<String, String> successRecord(QueueName queue, String id, String name, long finishedAt) {
        return Map.of("type", "dlq.job-succeeded", "originalQueue", queue.wireName(), "originalJobId", id,
                "originalJobName", name, "finishedAt", Long.toString(finishedAt), "attemptsMade", "1");
    }

    long stat(String field) {
        String v = redis.hash(String.class).hget(DlqKeys.stats(), field);
        return v == null ? 0 : Long.parseLong(v);
    }

    static JobError error(String code, String message) {
        return new JobError(code, "HandlerError", message, "java.lang.IllegalStateException: " + message
                + "\n\tat io.example.Handler.run(Handler.java:42)");
    }
}
