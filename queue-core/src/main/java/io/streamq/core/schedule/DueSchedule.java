package io.streamq.core.schedule;

/** A schedule whose due time has come: its id and the due time its index holds (ms). */
public record DueSchedule(String id, long dueMs) {
}
