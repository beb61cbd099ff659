package io.streamq.bench;

/** --single-jobs health-check jobs, one per request, from --single-clients clients. */
record EnqueueSinglePhase(BenchRun bench, LoadRunner loads, Target target) implements Phase {

    @Override
    public void run() throws InterruptedException {
        int clients = bench.options().integer("single-clients");
        LoadRunner.Load l = loads.load(target, clients, bench.options().integer("single-jobs"),
                i -> BenchJobs.HEALTH_CHECK_JOB, target.api()::enqueue, a -> 1);
        bench.results().single = loads.summarize("enqueue single", clients, 1, l);
        loads.checkWaiting(target.redis(), "enqueue single", BenchJobs.SYSTEM, l.jobs());
    }
}
