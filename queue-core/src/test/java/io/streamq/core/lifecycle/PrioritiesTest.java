package io.streamq.core.lifecycle;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.store.QueueReader;
import io.streamq.core.store.QueueSnapshot;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.streamq.core.lifecycle.QueueFixture.Q;
import static org.assertj.core.api.Assertions.assertThat;

/** Claim order by priority, first in first out within one, and the fair share that keeps every priority moving. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class PrioritiesTest {

    @Inject
    QueueFixture queue;

    @Inject
    WorkQueue work;

    @Inject
    QueueReader reader;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void lowerNumbersStartFirstAndEachPriorityIsFirstInFirstOut() {
        List<String> low = queue.enqueueAt(9, 2);
        List<String> normal = queue.enqueueAt(5, 2);
        List<String> high = queue.enqueueAt(2, 2);
        List<String> urgent = queue.enqueueAt(1, 1);
        List<String> later = queue.enqueueAt(6, 1);
        queue.assertInvariant();

        // Nine starts, the 10th would be the fair one; batches of 2 cross every level boundary.
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queue.claim("worker-a", 2).forEach(j -> started.add(j.jobId()));
            queue.assertInvariant();
        }

        List<String> expected = new ArrayList<>(urgent);
        expected.addAll(high);
        expected.addAll(normal);
        expected.addAll(later);
        expected.addAll(low);
        assertThat(started).containsExactlyElementsOf(expected);
        assertThat(queue.counts()).containsEntry("waiting", "0").containsEntry("active", "8");
    }

    @Test
    void everyTenthStartGoesRoundRobinToAnotherWaitingPriority() {
        List<String> urgent = queue.enqueueAt(1, 60);
        List<String> normal = queue.enqueueAt(5, 10);
        List<String> last = queue.enqueueAt(10, 10);

        List<ClaimedJob> started = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            started.addAll(queue.claim("worker-a", 5));
        }

        // Starts 10, 20, 30 and 40 are the fair ones: round robin over 5 and 10 while 1 keeps every other start.
        List<Integer> fair = new ArrayList<>();
        for (int i = 0; i < started.size(); i++) {
            String id = started.get(i).jobId();
            if (!urgent.contains(id)) {
                fair.add(i + 1);
            }
        }
        assertThat(started).hasSize(40);
        assertThat(fair).containsExactly(10, 20, 30, 40);
        assertThat(started.get(9).jobId()).isEqualTo(normal.getFirst());
        assertThat(started.get(19).jobId()).isEqualTo(last.getFirst());
        assertThat(started.get(29).jobId()).isEqualTo(normal.get(1));
        assertThat(started.get(39).jobId()).isEqualTo(last.get(1));
        queue.assertInvariant();
    }

    @Test
    void theFairShareHoldsAcrossWorkersAndBatchSizes() {
        List<String> urgent = queue.enqueueAt(1, 100);
        List<String> middle = queue.enqueueAt(4, 30);
        List<String> last = queue.enqueueAt(10, 30);

        Map<String, Integer> startsPerLevel = new HashMap<>();
        int claimedTotal = 0;
        int[] batches = {1, 3, 7, 2, 9};
        for (int i = 0; claimedTotal < 90; i++) {
            List<ClaimedJob> batch = queue.claim("worker-" + (i % 3), batches[i % batches.length]);
            for (ClaimedJob job : batch) {
                String level = urgent.contains(job.jobId()) ? "1" : middle.contains(job.jobId()) ? "4" : "10";
                startsPerLevel.merge(level, 1, Integer::sum);
            }
            claimedTotal += batch.size();
        }

        // Of 90 starts counted for the queue, 9 were fair turns: 4 sees every turn priority order gives it (1 waits
        // first, so 4 only gets fair turns), alternating with 10.
        assertThat(startsPerLevel.get("4") + startsPerLevel.get("10")).isEqualTo(9);
        assertThat(startsPerLevel.get("10")).isGreaterThanOrEqualTo(4);
        assertThat(startsPerLevel.get("4")).isGreaterThanOrEqualTo(4);
        queue.assertInvariant();
    }

    @Test
    void snapshotCountsWaitingJobsPerPriorityAndTheOldestPrioritizedWait() {
        queue.enqueueAt(3, 2);
        queue.enqueueAt(5, 4);
        queue.enqueueAt(8, 1);

        QueueSnapshot s = reader.snapshot(Q, 1, 0).await().indefinitely();

        assertThat(s.waitingByPriority()).containsExactly(0L, 0L, 2L, 0L, 4L, 0L, 0L, 1L, 0L, 0L);
        assertThat(s.waiting()).isEqualTo(7);
        assertThat(s.oldestWaitingAt()).isNotNull().isLessThanOrEqualTo(s.now());
    }

    @Test
    void anEmptyClaimNamesTheWakeStreamSoAPrioritizedJobWakesAnIdleWorker() {
        ClaimResult.Empty empty = (ClaimResult.Empty) work.claim(Q, "worker-a", 5).await().indefinitely();
        var waiting = work.awaitEntriesAfter(Q, empty, java.time.Duration.ofSeconds(8)).subscribeAsCompletionStage();
        QueueFixture.sleep(200);
        assertThat(waiting).isNotDone();

        String id = queue.enqueueAt(2, 1).getFirst();

        // The wake takes milliseconds; the bound only tells a wake from the 8 s wait running out.
        assertThat(waiting).succeedsWithin(java.time.Duration.ofSeconds(4));
        assertThat(queue.claimOne("worker-a").jobId()).isEqualTo(id);
        queue.assertInvariant();
    }
}
