package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.JobStore;
import io.streamq.monitor.health.HealthStatus;
import io.streamq.monitor.service.MonitorService;
import io.streamq.monitor.service.QueueReport;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deliberately paused queue whose backlog grows is its owner's intent: informed about, not scored critical or
 * warned about, and told to resume rather than to add concurrency.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class PausedHealthTest {
    static final QueueName Q = QueueName.ANALYTICS;
    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Drive drive;
    @Inject
    MonitorService monitor;
    @Inject
    JobStore jobs;

    @Test
    void aPausedQueueWithAGrowingBacklogIsInformedAboutNotPenalised() {
        drive.beat("w-analytics", List.of("analytics"), Duration.ofSeconds(30));
        jobs.setPaused(Q, true, "owner").await().atMost(WAIT);
        // 60 enqueued, nothing finished: the backlog grows 12 per minute, which alone scores 25 off an unpaused queue.
        drive.enqueue(JobType.ANALYTICS_TRACK_EVENT, 60,
                "{\"event\":\"page.view\",\"userId\":\"u-1\",\"properties\":{}}");

        QueueReport report = monitor.refresh(Q).await().atMost(WAIT);

        assertThat(report.health().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(report.health().score()).isEqualTo(100);
        assertThat(report.health().issues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo("paused-backlog");
            assertThat(issue.penalty()).isZero();
            // Other tests of this module may have left jobs on the queue: the issue counts whatever waits.
            assertThat(issue.issue()).startsWith("analytics is paused by its owner with "
                    + report.metrics().counts().waiting() + " waiting jobs");
            assertThat(issue.recommendation()).contains("/owner/queues/analytics/resume");
            // The same names and numbers by name, for a client that says them in another language.
            assertThat(issue.facts()).containsEntry("queue", "analytics")
                    .containsEntry("waiting", report.metrics().counts().waiting())
                    .containsKey("oldestWaitingSeconds");
        });

        jobs.setPaused(Q, false, "owner").await().atMost(WAIT);
        QueueReport resumed = monitor.refresh(Q).await().atMost(WAIT);
        assertThat(resumed.health().issues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo("backlog-growth");
            assertThat(issue.facts()).containsEntry("queue", "analytics")
                    .containsEntry("minutes", resumed.metrics().rates().minutes())
                    .containsEntry("growthPerMinute", Math.round(resumed.metrics().rates().backlogGrowthPerMinute() * 10) / 10.0)
                    .containsKeys("enqueuedPerMinute", "finishedPerMinute", "workers", "concurrency");
        });
    }
}
