package io.streamq.monitor.schedule;

/** Answer of a delete; the jobs the schedule enqueued stay. */
public record DeleteAnswer(String id, boolean deleted) {
}
