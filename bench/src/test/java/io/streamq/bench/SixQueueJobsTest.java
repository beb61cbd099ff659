package io.streamq.bench;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SixQueueJobsTest {

    private final SixQueueJobs jobs = new SixQueueJobs(Instant.parse("2026-12-02T12:00:00Z"));

    @Test
    void jobsSpreadEvenlyOverTheSixWorkQueuesAndCountsSayHowMany() {
        for (int n : new int[]{0, 1, 5, 6, 7, 90_000, 90_005}) {
            Map<QueueName, Long> seen = new EnumMap<>(QueueName.class);
            for (int i = 0; i < n; i++) {
                seen.merge(SixQueueJobs.queue(i), 1L, Long::sum);
            }
            long total = 0;
            for (QueueName q : QueueName.workQueues()) {
                long count = SixQueueJobs.count(q, n);
                assertEquals(seen.getOrDefault(q, 0L), count, q + " of " + n);
                assertTrue(count == n / 6 || count == n / 6 + 1, q + " of " + n + ": " + count);
                total += count;
            }
            assertEquals(n, total);
        }
        assertEquals(0, SixQueueJobs.count(QueueName.DLQ, 100));
    }

    @Test
    void eachQueueGetsATypeOfItsOwnWithTheFixedIdsThePeersAnswer() {
        assertEquals(6, SixQueueJobs.QUEUES.size());
        for (int i = 0; i < 6; i++) {
            QueueName queue = SixQueueJobs.queue(i);
            JobType type = SixQueueJobs.TYPES.get(queue);
            assertEquals(queue, type.queue(), type + " runs on " + type.queue());
            assertTrue(jobs.job(i).startsWith("{\"name\":\"" + type.wireName() + "\",\"payload\":{"), jobs.job(i));
        }
        String workflow = jobs.job(QueueName.workQueues().indexOf(QueueName.WORKFLOWS));
        assertTrue(workflow.contains("\"workflowId\":\"" + SixQueueJobs.WORKFLOW_ID + "\""), workflow);
        String plugin = jobs.job(QueueName.workQueues().indexOf(QueueName.PLUGINS));
        assertTrue(plugin.contains("\"pluginId\":\"" + SixQueueJobs.PLUGIN_ID + "\",\"version\":\""
                + SixQueueJobs.PLUGIN_VERSION + "\""), plugin);
        String analytics = jobs.job(QueueName.workQueues().indexOf(QueueName.ANALYTICS));
        assertTrue(analytics.contains("\"occurredAt\":\"2026-12-02T12:00:00Z\""), analytics);
    }

    @Test
    void aiJobsDifferFromOneAnother() {
        int ai = QueueName.workQueues().indexOf(QueueName.AI);
        assertNotEquals(jobs.job(ai), jobs.job(ai + 6));
    }
}
