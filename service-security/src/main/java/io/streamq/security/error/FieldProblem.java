package io.streamq.security.error;

/** One rejected input field of a problem: a path as the client wrote it (e.g. {@code jobs[3].payload.prompt}). */
public record FieldProblem(String field, String message) {
}
