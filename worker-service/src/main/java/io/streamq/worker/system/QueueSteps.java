package io.streamq.worker.system;

import io.streamq.worker.handler.JobContext;

/** The progress of a system job that works queue by queue: queues done, of how many. */
record QueueSteps(int queues, int of) {

    void report(JobContext context) {
        context.progress(of == 0 ? 100 : queues * 100 / of, this);
    }
}
