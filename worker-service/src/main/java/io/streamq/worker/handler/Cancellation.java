package io.streamq.worker.handler;

import java.time.Duration;

/**
 * When a handler must stop: its timeout passed, the worker is shutting down, or another worker took the job over.
 * The handler's thread is interrupted at that moment too, which aborts blocking HTTP calls; work that goes on
 * regardless (a CPU-bound loop, a send handed to a reactive client) checks {@link #cancelled()} between steps and
 * ends by throwing. The engine holds the job's slot and lease until the handler has returned, so a retry never
 * overlaps it.
 */
public interface Cancellation {

    boolean cancelled();

    /** Time left before the job's timeout; zero once it passed. */
    Duration remaining();

    /**
     * Work this handler cannot take back (a mail on its way) may run on until {@code atMost} from now: past its
     * timeout the engine waits for it instead of calling the handler unresponsive. Declared before the work starts;
     * ignored once the handler was cancelled, since no new work may start then.
     */
    void holdInFlight(Duration atMost);

    /** The work declared with {@link #holdInFlight} ended. */
    void releaseInFlight();
}
