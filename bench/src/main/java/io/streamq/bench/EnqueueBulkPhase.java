package io.streamq.bench;

import java.util.List;

/** --bulk-jobs health-check jobs in bulk requests of --bulk-size, from --bulk-clients clients. */
record EnqueueBulkPhase(BenchRun bench, LoadRunner loads, Target target) implements Phase {

    @Override
    public void run() throws InterruptedException {
        LoadRunner.Load l = loads.bulkLoad(target, bench.options().integer("bulk-jobs"), i -> BenchJobs.HEALTH_CHECK_JOB);
        bench.results().bulk = loads.summarize("enqueue bulk", bench.options().integer("bulk-clients"),
                bench.options().integer("bulk-size"), l);
        loads.checkWaiting(target.redis(), "enqueue bulk", List.of(BenchJobs.SYSTEM), l.jobs());
    }
}
