package io.streamq.bench;

import io.streamq.core.contract.QueueName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    private static Results withStreamqFigures() {
        Results r = new Results();
        r.command = "bench/run --phases drain,latency";
        r.machine = Map.of();
        r.drains.add(drain(1, false));
        r.drains.add(drain(2, false));
        r.latency = new Results.Latency(500, 20, 10_000, 0, 500, 10_000, new Stats.Percentiles(10_000, 1, 2, 4, 30),
                new Stats.Percentiles(10_000, 1_500, 2_000, 4_200, 30_000), null, 20_000, List.of());
        return r;
    }

    private static Results.Drain drain(int workers, boolean mixed) {
        return new Results.Drain("one Redis", 1, workers, mixed, 256, 300_000, 100_000, 0, 300_000, 199_000, 10.0,
                30_000.0, 5.0, 25.0, 40.0, 0.01, Map.of(), true,
                List.of(new Results.CommandTime("evalsha", 398_000, 3_980_000)));
    }

    private static Results.Bullmq bullmq(String scenario, Map<String, Double> figures) {
        return new Results.Bullmq(scenario, 200_000, figures);
    }

    @Test
    void everyFigureBesideBullmqsWithTheRatioAndWhichWayIsBetter() {
        Results r = withStreamqFigures();
        r.bullmqEnv = Map.of("bullmq", "6.7.0", "ioredis", "5.11.1", "node", "v20.20.2");
        r.bullmq.put("process_c200", bullmq("process_c200", Map.of("jobsPerSec", 15_000.0,
                "nodeCpuMsPer1k", 50.0, "redisCpuMsPer1k", 40.0, "otherCpuUtil", 0.05)));
        r.bullmq.put("latency", bullmq("latency", Map.of("p50", 1.0, "p99", 2.0, "hr.p50", 0.6)));

        List<Report.Row> rows = Report.rows(r);
        Report.Row rate = rows.stream().filter(x -> x.measurement().startsWith("Processing")
                && x.measurement().contains("1 worker process,")).findFirst().orElseThrow();
        assertEquals("30,000 jobs/s", rate.streamq());
        assertEquals("15,000 jobs/s (`process_c200`)", rate.bullmq());
        assertEquals("2.00", rate.ratio());
        assertEquals("higher", rate.better());

        Report.Row twoWorkers = rows.stream().filter(x -> x.measurement().startsWith("Processing")
                && x.measurement().contains("2 worker processes")).findFirst().orElseThrow();
        assertEquals("", twoWorkers.bullmq(), "BullMQ's scenario is one process: no counterpart");

        Report.Row workerCpu = rows.stream().filter(x -> x.measurement().startsWith("Worker CPU")
                && x.measurement().contains("1 worker process,")).findFirst().orElseThrow();
        assertEquals("0.80", workerCpu.ratio());
        assertEquals("lower", workerCpu.better());
        Report.Row redisCpu = rows.stream().filter(x -> x.measurement().startsWith("Redis CPU per 1,000 jobs processed")
                && x.measurement().contains("1 worker process,")).findFirst().orElseThrow();
        assertEquals("0.63", redisCpu.ratio());

        Report.Row p99 = rows.stream().filter(x -> x.measurement().contains("Redis clock")
                && x.measurement().endsWith("p99")).findFirst().orElseThrow();
        assertEquals("4 ms", p99.streamq());
        assertEquals("2 ms (`latency`)", p99.bullmq());
        assertEquals("2.00", p99.ratio());
        Report.Row fromSend = rows.stream().filter(x -> x.measurement().contains("from just before the POST")
                && x.measurement().endsWith("p50")).findFirst().orElseThrow();
        assertEquals("1.500 ms", fromSend.streamq());
        assertEquals("0.600 ms (`latency`)", fromSend.bullmq());
        assertEquals("2.50", fromSend.ratio());
        assertEquals("≤ 0.5 ms", fromSend.goal());

        String md = Report.markdown(r);
        assertTrue(md.contains("| Measurement | streamq | BullMQ | streamq / BullMQ | Better | Goal (a ratio unless a unit is given) |"), md);
        assertTrue(md.contains("| Processing `system.health-check` (no-op), 1 worker process, concurrency 256,"
                + " one Redis; BullMQ: one `Worker`, concurrency 200 | 30,000 jobs/s | 15,000 jobs/s (`process_c200`) | 2.00 |"
                + " higher | ≥ 2 |"), md);
        assertTrue(md.contains("BullMQ 6.7.0 with ioredis 5.11.1 on Node.js v20.20.2"), md);
        assertTrue(md.contains("- **BullMQ `process_c200`**, N = 200,000: 15,000 jobs/s, Node CPU 50.0 ms per 1,000"
                + " jobs, Redis CPU 40.0 ms per 1,000 jobs, other processes on the machine 0.05 CPUs meanwhile"
                + " (`otherCpuUtil`)."), md);
        assertTrue(md.contains("sub-millisecond p50 0.600 ms"), md);
        assertTrue(md.contains("`evalsha` 20.0 µs (2.00 calls)"), md);
    }

    @Test
    void failuresAreComparedWithBullmqsFailedSetRate() {
        Results r = withStreamqFigures();
        r.failures = new Results.Failures(50_000, 20_000, 3, 50, 70_000, 50_000, 10.0, 5_000.0, 90.0, 120.0, Map.of(), true,
                List.of());
        r.bullmq.put("failures", bullmq("failures", Map.of("failedJobsPerSec", 2_000.0, "nodeCpuMsPer1k", 150.0)));

        Report.Row rate = Report.rows(r).stream().filter(x -> x.measurement().startsWith("Jobs that always fail"))
                .findFirst().orElseThrow();
        assertEquals("5,000 jobs/s", rate.streamq());
        assertEquals("2,000 jobs/s (`failures`)", rate.bullmq());
        assertEquals("2.50", rate.ratio());
        assertEquals("≥ 2", rate.goal());
        Report.Row cpu = Report.rows(r).stream().filter(x -> x.measurement().startsWith("Worker CPU per 1,000 failing"))
                .findFirst().orElseThrow();
        assertEquals("0.80", cpu.ratio());
    }

    @Test
    void aScenarioThatDidNotRunLeavesItsCellsOpen() {
        Results r = withStreamqFigures();
        r.bullmq.put("latency", bullmq("latency", Map.of("p50", 0.0, "p99", 2.0)));
        List<Report.Row> rows = Report.rows(r);
        Report.Row rate = rows.stream().filter(x -> x.measurement().startsWith("Processing")).findFirst()
                .orElseThrow();
        assertEquals("n/a", rate.bullmq());
        assertEquals("", rate.ratio());
        Report.Row p50 = rows.stream().filter(x -> x.measurement().contains("Redis clock")
                && x.measurement().endsWith("p50")).findFirst().orElseThrow();
        assertEquals("n/a", p50.ratio(), "BullMQ's 0 ms gives no ratio");
    }

    @Test
    void withoutTheAnchorTheReportSaysSoAndHasNoBullmqColumns() {
        Results r = withStreamqFigures();
        r.anchorSkipped = "--no-anchor";
        String md = Report.markdown(r);
        assertTrue(md.contains("BullMQ's anchor benchmark was not run (--no-anchor)"), md);
        assertTrue(md.contains("| Measurement | streamq | Goal |"), md);
        assertFalse(md.contains("streamq / BullMQ"), md);
        assertFalse(md.contains("BullMQ: "), "no BullMQ set-up in the rows: " + md);
    }

    @Test
    void queuesBusyIsATableOfTheOneAndSixQueueRunsWithEachQueuesCompletions() {
        Results r = withStreamqFigures();
        r.anchorSkipped = "--no-anchor";
        Results.Drain one = drain(1, false);
        Results.Drain six = new Results.Drain("one Redis", 1, 1, false, 43, 90_000, 30_000, 0, 90_000, 60_000, 12.0,
                5_000.0, 6.0, 100.0, 250.4, 0.42, Map.of(), false,
                List.of(new Results.CommandTime("evalsha", 150_000, 3_000_000),
                        new Results.CommandTime("hset", 120_000, 600_000)));
        Map<QueueName, Long> byQueue = new LinkedHashMap<>();
        for (QueueName q : QueueName.workQueues()) {
            byQueue.put(q, 10_000L);
        }
        r.queuesBusy = new Results.QueuesBusy(one, six, byQueue, 15_000, 14_999, 1.2, 180.4);

        String md = Report.markdown(r);
        assertTrue(md.contains("\n### Queues busy at once\n"), md);
        assertTrue(md.contains("| queues busy | other processes | jobs/s | Redis CPU per 1,000 jobs | Redis script time"
                + " per job (`evalsha`) | worker CPU per 1,000 jobs | peers' CPU per 1,000 jobs |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n"
                + "| 1 | 0.01 CPUs | 30,000 jobs/s | 25.0 ms | 20.0 µs | 40 ms | 1 ms |\n"
                + "| 6 | 0.42 CPUs | 5,000 jobs/s (incomplete) | 100.0 ms | 50.0 µs | 250 ms | 180 ms |\n"), md);
        assertTrue(md.contains("by queue: ai 10,000, workflows 10,000, analytics 10,000, email 10,000, plugins 10,000,"
                + " system 10,000. The SMTP peer received 14,999 mails for 15,000 email jobs."), md);
        assertTrue(md.contains("30,000 jobs of warm-up then 60,000 measured in each run. 1 queue:"
                + " `system.health-check` (no-op) on the system queue at concurrency 256. 6 queues, concurrency 43 on"
                + " each"), md);
        assertTrue(md.contains("email (`email.send-transactional`)"), md);
        assertTrue(md.contains("- 6 queues: Redis command time per job over that span"), md);
        assertTrue(md.contains("`hset` 10.0 µs (2.00 calls)"), md);
    }

    @Test
    void aRunWithoutEvalshaHasNoScriptTime() {
        Results.Drain d = new Results.Drain("one Redis", 1, 1, false, 256, 10, 0, 0, 10, 10, 1.0, 10.0, 0.1, 10.0,
                20.0, 0.0, Map.of(), true, List.of());
        assertEquals("| 1 | 0.00 CPUs | 10 jobs/s | 10.0 ms | n/a | 20 ms | n/a |\n",
                Report.queuesRow("1", d, Double.NaN));
    }

    @Test
    void ratios() {
        assertEquals("0.50", Report.ratioText(1, 2));
        assertEquals("n/a", Report.ratioText(1, 0));
        assertEquals("n/a", Report.ratioText(Double.NaN, 2));
        assertEquals("n/a", Report.ratioText(1, Double.NaN));
    }
}
