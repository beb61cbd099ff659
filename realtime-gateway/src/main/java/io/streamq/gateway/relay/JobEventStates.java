package io.streamq.gateway.relay;

import io.streamq.core.job.JobState;

import java.util.Set;

/** The job-event states the relay treats apart from the stream it only counts (docs/realtime.md). */
final class JobEventStates {
    private JobEventStates() {
    }

    /**
     * A running job's report ({@code JobEvent.progress}): not a transition, so never counted in summaries; the
     * latest per job is sent to the queue room once per tick.
     */
    static final String PROGRESS = "progress";

    /**
     * Sent one by one to the queue room besides being counted: what an owner acts on, and rare next to the
     * waiting/active/completed stream.
     */
    static final Set<String> INDIVIDUAL = Set.of(JobState.FAILED.wireName(), "stalled",
            JobState.CANCELLED.wireName(), "paused", "resumed");
}
