package io.streamq.bench;

/** One measured step of a run; {@link BenchMain} times it, watches the machine meanwhile and empties Redis after. */
interface Phase {
    void run() throws Exception;
}
