package io.streamq.bench;

import java.util.Locale;

/** One scenario of BullMQ's anchor benchmark, on the anchor's own redis-server, right after its streamq phase. */
record BullmqPhase(BenchRun bench, BullmqAnchor anchor, RedisNodes redis, BullmqScenario scenario) implements Phase {

    /** Beyond --phase-timeout: Node's start, the warm-up and the pre-enqueue before a processing scenario. */
    private static final int START_SLACK_SECONDS = 60;

    @Override
    public void run() throws Exception {
        int jobs = scenario.jobs(bench.options());
        BullmqAnchor.Summary summary = anchor.run(scenario, jobs, redis.port(),
                bench.options().integer("phase-timeout") + START_SLACK_SECONDS);
        Results results = bench.results();
        if (results.bullmqEnv.isEmpty()) {
            results.bullmqEnv = summary.env();
        }
        Results.Bullmq b = new Results.Bullmq(scenario.scenario(), jobs, summary.figures());
        results.bullmq.put(b.scenario(), b);
        // bench.mjs's own measure of the rest of the machine over the scenario (everything but Node and its Redis).
        double other = b.figure("otherCpuUtil");
        if (other > BenchMain.QUIET_CORES) {
            bench.note(String.format(Locale.ROOT, "BullMQ %s: other processes used %.2f CPUs meanwhile"
                    + " (`otherCpuUtil`); its figures may be lower than on a quiet machine.", b.scenario(), other));
        }
        BenchMain.log("BullMQ " + b.scenario() + ": " + summary.figures());
    }
}
