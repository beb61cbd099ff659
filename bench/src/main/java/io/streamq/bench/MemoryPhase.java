package io.streamq.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Redis memory per waiting job: --memory-jobs ai.generate-text jobs enqueued in bulk on an empty Redis. */
record MemoryPhase(BenchRun bench, LoadRunner loads, Target target) implements Phase {

    @Override
    public void run() throws InterruptedException {
        RedisNodes conn = target.redis();
        int n = bench.options().integer("memory-jobs");
        conn.flushAll();
        Sleep.millis(500);
        long before = conn.usedMemory();
        LoadRunner.Load l = loads.bulkLoad(target, n, BenchJobs::aiJob);
        loads.summarize("memory enqueue", bench.options().integer("bulk-clients"), bench.options().integer("bulk-size"), l);
        Sleep.millis(500);
        long after = conn.usedMemory();
        loads.checkWaiting(conn, "memory", List.of(BenchJobs.AI), l.jobs());
        long jobHash = -1;
        long payload = -1;
        double streamPerJob = Double.NaN;
        if (!l.firstIds().isEmpty() && l.firstIds().getFirst() != null) {
            String id = l.firstIds().getFirst();
            jobHash = memoryUsage(conn, BenchJobs.AI.job(id));
            payload = memoryUsage(conn, BenchJobs.AI.payload(id));
        }
        String stream = BenchJobs.AI.stream();
        String streamUsage = conn.onKey(stream, "MEMORY", "USAGE", stream, "SAMPLES", "0");
        if (streamUsage != null && l.jobs() > 0) {
            streamPerJob = (double) RedisNodes.parseLong(streamUsage) / l.jobs();
        }
        Results.Memory memory = new Results.Memory(l.jobs(),
                BenchJobs.aiPayload(0).getBytes(StandardCharsets.UTF_8).length, before, after,
                Stats.bytesPerJob(before, after, Math.max(l.jobs(), 1)), jobHash, payload, streamPerJob);
        bench.results().memory = memory;
        BenchMain.log(String.format("memory: %,d jobs took %,d bytes = %.0f bytes/job (job hash %d, payload %d,"
                + " stream %.1f per job)", l.jobs(), after - before, memory.bytesPerJob(), jobHash, payload,
                streamPerJob));
    }

    /** {@code MEMORY USAGE} of one key, or -1 when it is gone. */
    private static long memoryUsage(RedisNodes conn, String key) {
        String usage = conn.onKey(key, "MEMORY", "USAGE", key, "SAMPLES", "0");
        return usage == null ? -1 : RedisNodes.parseLong(usage);
    }
}
