package io.streamq.worker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.testing.RedisTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A report that arrives less than a millisecond before the next write is allowed waits on a timer shorter than Vert.x
 * can set. Found by the six-queue benchmark ("Cannot schedule a timer with delay < 1 ms", dropped by Mutiny): the
 * refused timer left the job's progress unwritten until the job ended.
 */
@QuarkusTest
class ProgressTimerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Engines engines;

    @Inject
    ObjectMapper mapper;

    @Test
    void aReportDueWithinAMillisecondIsStillWrittenWhileTheJobRuns() {
        try (RedisTestServer redis = new RedisTestServer(); IsolatedStore store = engines.store(redis)) {
            String id = store.enqueue(JobType.SYSTEM_HEALTH_CHECK, "{}");
            ClaimResult claimed = store.work.claim(QueueName.SYSTEM, "worker-a", 1).await().atMost(WAIT);
            ClaimedJob job = ((ClaimResult.Jobs) claimed).jobs().getFirst();
            // An interval under 1 ms: after the first write (a local round trip, well under it), the next is due
            // within the millisecond.
            JobProgress progress = new JobProgress(job, "worker-a", store.reports, mapper,
                    Duration.ofNanos(900_000));

            for (int percent = 0; percent <= 100; percent++) {
                progress.progress(percent, null);
            }

            // Not closed: closing writes what is pending anyway; the job is still running here.
            await().atMost(WAIT).until(() -> String.valueOf(store.job(id).progress()).contains("\"percent\":100"));
        }
    }
}
