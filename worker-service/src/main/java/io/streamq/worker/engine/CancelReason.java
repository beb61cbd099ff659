package io.streamq.worker.engine;

/** Why a running job's handler is told to stop; what becomes of the job follows from it. */
enum CancelReason {
    /** Its timeout passed: once the handler has stopped, the attempt fails with code {@code timeout}. */
    TIMEOUT,
    /** The worker is stopping: the job goes back to waiting without spending its attempt. */
    SHUTDOWN,
    /** Another worker holds the job now: nothing this one does counts. */
    TAKEN_OVER,
    /** A producer or an owner cancelled the job: it is recorded cancelled already, whatever the handler does now. */
    CANCELLED
}
