package io.streamq.core.loop;

/** The body of a {@link BackgroundLoop}: one turn of its work. */
@FunctionalInterface
public interface RunOnce {

    /**
     * Throwing an exception is a failed turn: the loop logs it and tries again after a backoff. An {@link Error}
     * ends the loop. An {@link InterruptedException} is the loop being stopped.
     */
    LoopTurn runOnce() throws Exception;
}
