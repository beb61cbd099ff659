package io.streamq.core.job;

/** The last error of a job: a stable code for routing and analytics, and what the exception said. */
public record JobError(String code, String name, String message, String stack) {
}
