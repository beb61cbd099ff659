package io.streamq.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record written in this JVM while open (JBoss LogManager, which Quarkus uses, is java.util.logging
 * underneath), for tests that assert what was or was not logged.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.start()) { ...; assertThat(log.atLeast(Level.SEVERE)).isEmpty(); }
 * }</pre>
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Records of this level or above (JBoss ERROR is SEVERE, WARN is WARNING). */
    public List<LogRecord> atLeast(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
    }

    /** Records of exactly this level from the logger named after {@code source}. */
    public List<LogRecord> of(Class<?> source, Level level) {
        return records.stream().filter(r -> source.getName().equals(r.getLoggerName())
                && r.getLevel().intValue() == level.intValue()).toList();
    }

    /** Each record as one line of text: its message, its parameters and its exception (to search for a secret). */
    public List<String> texts() {
        return records.stream().map(r -> r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())
                + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
