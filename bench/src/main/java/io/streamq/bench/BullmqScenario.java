package io.streamq.bench;

import java.util.Arrays;
import java.util.Optional;

/**
 * The scenarios of BullMQ's anchor benchmark ({@code node bench.mjs N scenario}) that do what a streamq phase does,
 * each run with the phase's own job count so that both sides do the same amount of work.
 */
enum BullmqScenario {
    SINGLE("single", "addSingle64", "single-jobs"),
    BULK("bulk", "addBulk", "bulk-jobs"),
    MEMORY("memory", "memory", "memory-jobs"),
    PROCESSING("drain", "process_c200", "drain-jobs"),
    /** Concurrency 50, 3 attempts, no backoff, fixed by bench.mjs. */
    FAILURES("failures", "failures", "failure-jobs"),
    /** bench.mjs fixes this one: 2,000 jobs at 500/s, whatever N says. */
    LATENCY("latency", "latency", null);

    static final int LATENCY_JOBS = 2_000;

    private final String phase;
    private final String scenario;
    private final String jobsOption;

    BullmqScenario(String phase, String scenario, String jobsOption) {
        this.phase = phase;
        this.scenario = scenario;
        this.jobsOption = jobsOption;
    }

    static Optional<BullmqScenario> forPhase(String phase) {
        return Arrays.stream(values()).filter(s -> s.phase.equals(phase)).findFirst();
    }

    /** The name bench.mjs knows it by, also its key in the summary. */
    String scenario() {
        return scenario;
    }

    /** N for bench.mjs. */
    int jobs(Options options) {
        return jobsOption == null ? LATENCY_JOBS : options.integer(jobsOption);
    }
}
