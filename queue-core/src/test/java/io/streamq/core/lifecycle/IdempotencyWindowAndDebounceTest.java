package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.EnqueueOptions;
import io.streamq.core.job.EnqueueOutcome;
import io.streamq.core.job.EnqueuedJob;
import io.streamq.core.job.NewJob;
import io.streamq.core.store.JobStore;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.K;
import static org.assertj.core.api.Assertions.assertThat;

/** enqueue.lua with a key's own window and in debounce mode (includes/idempotency.lua). */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class IdempotencyWindowAndDebounceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String KEY = "report-7";

    @Inject
    QueueFixture queue;

    @Inject
    JobStore jobs;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void theKeyLivesForItsOwnWindow() {
        EnqueuedJob first = enqueue("{}", 0, new EnqueueOptions(5, 1_500, false));

        long ttl = redis.key(String.class).pttl(idempotencyKeyOf("t", KEY));
        assertThat(ttl).as("the key's TTL is the job's window, not the 24 h default").isBetween(1L, 1_500L);
        assertThat(first.outcome()).isEqualTo(EnqueueOutcome.CREATED);
    }

    @Test
    void withoutDebounceARepeatIsDroppedAndThePayloadKept() {
        EnqueuedJob first = enqueue("{\"v\":1}", 0, EnqueueOptions.DEFAULT);
        EnqueuedJob again = enqueue("{\"v\":2}", 0, EnqueueOptions.DEFAULT);

        assertThat(again.outcome()).isEqualTo(EnqueueOutcome.DUPLICATE);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(payloadOf(first.id())).isEqualTo("{\"v\":1}");
    }

    @Test
    void debounceReplacesTheWaitingJobsPayloadAndMakesNoNewJob() {
        EnqueuedJob first = enqueue("{\"v\":1}", 0, debounce());
        EnqueuedJob second = enqueue("{\"v\":2}", 0, debounce());
        EnqueuedJob third = enqueue("{\"v\":3}", 0, debounce());

        assertThat(second.outcome()).isEqualTo(EnqueueOutcome.DEBOUNCED);
        assertThat(third.outcome()).isEqualTo(EnqueueOutcome.DEBOUNCED);
        assertThat(third.id()).isEqualTo(first.id());
        assertThat(third.state()).isEqualTo("waiting");
        assertThat(queue.counts()).containsEntry("waiting", "1");
        ClaimedJob claimed = queue.claimOne("worker-a");
        assertThat(claimed.payload()).as("the worker runs the newest payload").isEqualTo("{\"v\":3}");
        queue.assertInvariant();
    }

    @Test
    void debounceOfADelayedJobRestartsItsDelay() {
        EnqueuedJob first = enqueue("{\"v\":1}", 60_000, debounce());
        double firstDue = redis.sortedSet(String.class).zscore(K.delayed(), first.id()).orElseThrow();

        EnqueuedJob second = enqueue("{\"v\":2}", 600_000, debounce());

        assertThat(second.outcome()).isEqualTo(EnqueueOutcome.DEBOUNCED);
        assertThat(second.state()).isEqualTo("delayed");
        double due = redis.sortedSet(String.class).zscore(K.delayed(), first.id()).orElseThrow();
        assertThat(due - firstDue).as("the delay restarted from the newer request").isGreaterThan(500_000);
        assertThat(queue.job(first.id()).dueAt()).isEqualTo((long) due);
        assertThat(payloadOf(first.id())).isEqualTo("{\"v\":2}");
        queue.assertInvariant();
    }

    @Test
    void debounceAfterTheJobStartedMakesANewJobThatTheKeyThenNames() {
        EnqueuedJob first = enqueue("{\"v\":1}", 0, debounce());
        ClaimedJob running = queue.claimOne("worker-a");

        EnqueuedJob second = enqueue("{\"v\":2}", 0, debounce());
        EnqueuedJob third = enqueue("{\"v\":3}", 0, debounce());

        assertThat(second.outcome()).isEqualTo(EnqueueOutcome.CREATED);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(third.outcome()).as("the key now names the new job").isEqualTo(EnqueueOutcome.DEBOUNCED);
        assertThat(third.id()).isEqualTo(second.id());
        assertThat(running.payload()).isEqualTo("{\"v\":1}");
        assertThat(payloadOf(first.id())).as("the running job keeps its payload").isEqualTo("{\"v\":1}");
        assertThat(payloadOf(second.id())).isEqualTo("{\"v\":3}");
        queue.assertInvariant();
    }

    @Test
    void debounceWithinOneBatchFoldsIntoTheFirstJob() {
        List<EnqueuedJob> out = jobs.enqueue(List.of(job("{\"v\":1}", 0, debounce()), job("{\"v\":2}", 0, debounce())))
                .await().atMost(WAIT);

        assertThat(out).extracting(EnqueuedJob::outcome)
                .containsExactly(EnqueueOutcome.CREATED, EnqueueOutcome.DEBOUNCED);
        assertThat(payloadOf(out.getFirst().id())).isEqualTo("{\"v\":2}");
        assertThat(queue.counts()).containsEntry("waiting", "1");
        queue.assertInvariant();
    }

    private static EnqueueOptions debounce() {
        return new EnqueueOptions(EnqueueOptions.DEFAULT_PRIORITY, 60_000, true);
    }

    private EnqueuedJob enqueue(String payload, long delayMs, EnqueueOptions options) {
        return jobs.enqueue(List.of(job(payload, delayMs, options))).await().atMost(WAIT).getFirst();
    }

    private static NewJob job(String payload, long delayMs, EnqueueOptions options) {
        return new NewJob(JobType.SYSTEM_HEALTH_CHECK, payload, "t", "w", "a", KEY, delayMs, options);
    }

    private String payloadOf(String id) {
        return redis.value(String.class).get(K.payload(id));
    }

    private static String idempotencyKeyOf(String tenant, String key) {
        return K.idempotencyPrefix() + tenant.length() + ":" + tenant + ":" + key;
    }
}
