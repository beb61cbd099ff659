package io.streamq.core.job;

/** One line a handler logged on its job: when (epoch ms), by which attempt, and the text. */
public record JobLogLine(long at, int attempt, String line) {
}
