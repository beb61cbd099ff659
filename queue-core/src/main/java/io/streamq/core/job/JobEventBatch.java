package io.streamq.core.job;

import java.util.List;

/** One message on the job-events channel: the events of one script call on one queue. */
public record JobEventBatch(String queue, List<JobEvent> events) {
}
