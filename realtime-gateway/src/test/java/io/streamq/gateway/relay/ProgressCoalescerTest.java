package io.streamq.gateway.relay;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Latest progress per job per tick, and a job's held progress always ahead of its next event. */
class ProgressCoalescerTest {

    private final List<String> sent = new ArrayList<>();
    private final ProgressCoalescer coalescer = new ProgressCoalescer((queue, events) ->
            events.forEach(e -> sent.add(queue + " " + e.jobId() + " " + e.state() + " " + e.attempt())));

    private static JobEvent event(String jobId, String state, int n) {
        return new JobEvent(jobId, null, state, n, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aTickSendsTheLatestProgressOfEachJobOnce() {
        coalescer.hold(QueueName.AI, event("ai-1", "progress", 1));
        coalescer.hold(QueueName.EMAIL, event("email-1", "progress", 1));
        coalescer.hold(QueueName.AI, event("ai-1", "progress", 2));
        assertThat(sent).isEmpty();
        coalescer.flush();
        assertThat(sent).containsExactly("ai ai-1 progress 2", "email email-1 progress 1");
        sent.clear();
        coalescer.flush();
        assertThat(sent).isEmpty();
    }

    @Test
    void anEventOfAJobGoesOutAfterThatJobsHeldProgressOnly() {
        coalescer.hold(QueueName.AI, event("ai-1", "progress", 3));
        coalescer.hold(QueueName.AI, event("ai-2", "progress", 7));
        coalescer.sendAfterHeld(QueueName.AI, event("ai-1", "cancelled", 1));
        assertThat(sent).containsExactly("ai ai-1 progress 3", "ai ai-1 cancelled 1");
        coalescer.flush();
        assertThat(sent).containsExactly("ai ai-1 progress 3", "ai ai-1 cancelled 1", "ai ai-2 progress 7");
    }
}
