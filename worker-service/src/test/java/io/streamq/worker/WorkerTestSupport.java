package io.streamq.worker;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobView;
import io.streamq.core.job.NewJob;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/** Enqueues through the same script producers use, and reads back what the worker recorded. */
@ApplicationScoped
public class WorkerTestSupport {

    @Inject
    JobStore jobs;

    @Inject
    RedisDataSource redis;

    public String enqueue(JobType type, String payloadJson) {
        return enqueue(type, payloadJson, 0);
    }

    public String enqueue(JobType type, String payloadJson, long delayMs) {
        NewJob job = new NewJob(type, payloadJson, "test-tenant", "test-workspace", "test-actor", null, delayMs);
        return jobs.enqueue(List.of(job)).await().atMost(Duration.ofSeconds(5)).getFirst().id();
    }

    public Optional<JobView> find(String id) {
        return jobs.find(id).await().atMost(Duration.ofSeconds(5));
    }

    public JobView job(String id) {
        return find(id).orElseThrow(() -> new AssertionError("no job " + id));
    }

    public JobView awaitState(String id, String state, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> state.equals(job(id).state()));
        return job(id);
    }

    /** The DLQ hand-off records of a queue, by original job id. */
    public Optional<Map<String, String>> deadRecord(QueueName queue, String jobId) {
        List<StreamMessage<String, String, String>> entries = redis.stream(String.class)
                .xrange(QueueKeys.of(queue).deadStream(), StreamRange.of("-", "+"));
        return entries.stream().map(StreamMessage::payload).filter(p -> jobId.equals(p.get("originalJobId")))
                .findFirst();
    }

    public long streamLength(QueueName queue) {
        return redis.stream(String.class).xlen(QueueKeys.of(queue).stream());
    }

    public long finishedCount(QueueName queue) {
        return redis.sortedSet(String.class).zcard(QueueKeys.of(queue).completed());
    }
}
