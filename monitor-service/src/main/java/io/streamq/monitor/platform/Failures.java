package io.streamq.monitor.platform;

import java.util.concurrent.CompletionException;

/** A probe's failure as one line an owner can read (the exception type says more than most messages). */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    static double millisSince(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }
}
