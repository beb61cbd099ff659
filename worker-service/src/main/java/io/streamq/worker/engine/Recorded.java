package io.streamq.worker.engine;

/** What became of an outcome sent to Redis. */
enum Recorded {
    RECORDED,
    /** This worker no longer held the job (another took it over): the other worker's outcome counts. */
    REFUSED,
    /** Redis stayed away until the lease lapsed: the entry stays pending and recovery runs the job again. */
    GAVE_UP;

    static Recorded of(boolean accepted) {
        return accepted ? RECORDED : REFUSED;
    }
}
