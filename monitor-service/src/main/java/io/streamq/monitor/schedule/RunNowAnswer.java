package io.streamq.monitor.schedule;

/** Answer of run-now: the job enqueued and the schedule's runs after it. */
public record RunNowAnswer(String id, String jobId, long runs) {
}
