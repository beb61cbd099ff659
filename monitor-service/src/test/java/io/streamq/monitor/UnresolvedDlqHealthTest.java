package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.monitor.service.MonitorService;
import io.streamq.monitor.service.QueueReport;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead-lettered jobs long after their failures stopped still show in the queue's health, lightly scored. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class UnresolvedDlqHealthTest {
    static final QueueName Q = QueueName.EMAIL;
    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    MonitorService monitor;
    @Inject
    DlqStore dlq;

    @Test
    void anUnresolvedDlqStaysVisibleAfterTheWindowMovedOn() {
        long failedAt = System.currentTimeMillis() - Duration.ofHours(3).toMillis();
        List<DlqRecord> old = List.of(record("email-901", failedAt), record("email-902", failedAt + 1));
        dlq.insert(old, 0, Duration.ofHours(50)).await().atMost(WAIT);

        QueueReport report = monitor.refresh(Q).await().atMost(WAIT);

        // Other tests of this module may have dead-lettered email jobs too: the issue counts whatever is there.
        assertThat(report.metrics().dlqEntries()).isGreaterThanOrEqualTo(2);
        assertThat(report.health().issues()).filteredOn(issue -> issue.rule().equals("dlq-unresolved"))
                .singleElement().satisfies(issue -> {
                    assertThat(issue.issue()).isEqualTo(report.metrics().dlqEntries()
                            + " dead-lettered jobs of email are still in the DLQ");
                    assertThat(issue.recommendation()).contains("/owner/dlq?originalQueue=email");
                    assertThat(issue.penalty()).isEqualTo(5);
                });
        assertThat(report.health().issues()).extracting(i -> i.rule()).doesNotContain("dlq-growth");
    }

    private static DlqRecord record(String jobId, long failedAt) {
        return new DlqRecord(Q.wireName(), jobId, "email.send-transactional", "SmtpError", "mailbox full",
                "", "smtp-rejected", failedAt, failedAt, 3, "{}", "t", "w", "a", 0, "mailbox full");
    }
}
