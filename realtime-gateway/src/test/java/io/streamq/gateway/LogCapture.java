package io.streamq.gateway;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log line written while open (the root JUL logger, which JBoss LogManager feeds), for assertions. */
final class LogCapture extends Handler implements AutoCloseable {

    /** A captured line: its level and its message with parameters and exception. */
    record Line(Level level, String logger, String text) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    List<Line> lines() {
        return lines;
    }

    /** Lines at ERROR (SEVERE) or above. */
    List<Line> errors() {
        return lines.stream().filter(l -> l.level().intValue() >= Level.SEVERE.intValue()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(new Line(record.getLevel(), record.getLoggerName(), record.getMessage() + " "
                + Arrays.toString(record.getParameters())
                + (record.getThrown() == null ? "" : " " + record.getThrown())));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
