package io.streamq.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BullmqAnchorTest {

    /** The shape of bench.mjs's last stdout line (figures from a real run, trimmed). */
    static final String SUMMARY = "{\"env\":{\"date\":\"2026-12-02T07:19:00.000Z\",\"N\":50000,\"payloadBytes\":100,"
            + "\"node\":\"v20.20.2\",\"bullmq\":\"6.7.0\",\"ioredis\":\"5.11.1\",\"redis\":\"7.0.15\"},"
            + "\"process_c200\":{\"concurrency\":200,\"jobsPerSec\":20915,\"jobsPerSecWall\":19876,\"seconds\":2.39,"
            + "\"nodeCpuMsPer1k\":48.2,\"redisCpuMsPer1k\":40.1,\"otherCpuUtil\":0.031,\"redisCmdsPerJob\":9.125},"
            + "\"latency\":{\"count\":2000,\"p50\":1,\"p95\":1,\"p99\":2,\"max\":7,"
            + "\"hr\":{\"p50\":0.612,\"p95\":0.9,\"p99\":1.7,\"max\":6.5},\"addRttMs\":{\"p50\":0.3,\"p99\":1.1}},"
            + "\"memory\":{\"jobs\":50000,\"bytesPerJob\":687,\"jobHashFields\":[\"name\",\"data\",\"opts\"]}}";

    @Test
    void summaryOfAScenarioIsItsNumbersWithNestedOnesDotted() {
        String stdout = "\n" + SUMMARY + "\n";
        BullmqAnchor.Summary latency = BullmqAnchor.Summary.of(stdout, "latency");
        assertEquals(2.0, latency.figures().get("p99"));
        assertEquals(0.612, latency.figures().get("hr.p50"));
        assertEquals(1.1, latency.figures().get("addRttMs.p99"));
        assertEquals("6.7.0", latency.env().get("bullmq"));
        assertEquals("50000", latency.env().get("N"));

        BullmqAnchor.Summary memory = BullmqAnchor.Summary.of(stdout, "memory");
        assertEquals(Map.of("jobs", 50000.0, "bytesPerJob", 687.0), memory.figures(), "lists are left out");

        Results.Bullmq process = new Results.Bullmq("process_c200", 50_000,
                BullmqAnchor.Summary.of(stdout, "process_c200").figures());
        assertEquals(20915.0, process.figure("jobsPerSec"));
        assertTrue(Double.isNaN(process.figure("bytesPerJob")));
    }

    @Test
    void summaryMustBeTheLastLineAndHoldTheScenario() {
        assertThrows(IllegalStateException.class, () -> BullmqAnchor.Summary.of(SUMMARY, "addBulk"));
        assertThrows(IllegalArgumentException.class,
                () -> BullmqAnchor.Summary.of(SUMMARY + "\nnot json", "latency"));
        assertThrows(IllegalStateException.class, () -> BullmqAnchor.Summary.of("  \n", "latency"));
    }

    @Test
    void jsonValues() {
        assertEquals(List.of(1.0, -2.5, 3e3, "a\"b\nc\u00e9", true, false), Json.parse(
                " [1, -2.5, 3e3, \"a\\\"b\\nc\\u00e9\", true, false] "));
        assertEquals(Map.of(), Json.parse("{}"));
        assertTrue(((List<?>) Json.parse("[null]")).contains(null));
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "{} x")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void installsOnlyWhenModulesAreMissingOrPackageJsonChanged(@TempDir Path tmp) throws Exception {
        Path source = Files.createDirectories(tmp.resolve("anchor"));
        Path build = Files.createDirectories(tmp.resolve("build"));
        Files.writeString(source.resolve("package.json"), "{\"dependencies\":{\"bullmq\":\"6.7.0\"}}");
        assertTrue(BullmqAnchor.needsInstall(source, build), "nothing installed yet");

        Files.createDirectories(build.resolve("node_modules"));
        assertTrue(BullmqAnchor.needsInstall(source, build), "modules without the marker of a finished install");

        Files.copy(source.resolve("package.json"), build.resolve(BullmqAnchor.INSTALLED_MARKER));
        assertFalse(BullmqAnchor.needsInstall(source, build));

        Files.writeString(source.resolve("package.json"), "{\"dependencies\":{\"bullmq\":\"6.8.0\"}}");
        assertTrue(BullmqAnchor.needsInstall(source, build), "package.json changed");
    }

    @Test
    void prepareNamesAMissingAnchor(@TempDir Path tmp) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BullmqAnchor.prepare(tmp.resolve("nowhere"), tmp.resolve("build"), tmp));
        assertTrue(e.getMessage().contains("--no-anchor"), e.getMessage());
    }

    @Test
    void scenariosFollowThePhasesWithTheirJobCounts() {
        Options options = Options.parse(new String[]{"--producer-jar", "p", "--worker-jar", "w", "--no-anchor",
                "--drain-jobs", "20000", "--single-jobs", "1000"});
        assertTrue(options.flag("no-anchor"));
        assertEquals(BullmqScenario.PROCESSING, BullmqScenario.forPhase("drain").orElseThrow());
        assertEquals("process_c200", BullmqScenario.PROCESSING.scenario());
        assertEquals(20_000, BullmqScenario.PROCESSING.jobs(options));
        assertEquals("addSingle64", BullmqScenario.forPhase("single").orElseThrow().scenario());
        assertEquals(1_000, BullmqScenario.SINGLE.jobs(options));
        assertEquals("addBulk", BullmqScenario.forPhase("bulk").orElseThrow().scenario());
        assertEquals("memory", BullmqScenario.forPhase("memory").orElseThrow().scenario());
        assertEquals(BullmqScenario.LATENCY_JOBS, BullmqScenario.forPhase("latency").orElseThrow().jobs(options));
        assertEquals("failures", BullmqScenario.forPhase("failures").orElseThrow().scenario());
        for (String phase : Options.PHASES) {
            // Request latency at a set rate, a second producer replica, six queues with real handlers: bench.mjs has
            // no such scenarios.
            assertEquals(!List.of("paced", "replicas", "queues6").contains(phase),
                    BullmqScenario.forPhase(phase).isPresent(), phase);
        }
    }

    @Test
    void theAnchorNeedsItsFoldersUnlessSkipped() {
        Options.UsageException e = assertThrows(Options.UsageException.class,
                () -> Options.parse(new String[]{"--producer-jar", "p", "--worker-jar", "w"}));
        assertTrue(e.getMessage().contains("--no-anchor"), e.getMessage());
        Options withAnchor = Options.parse(new String[]{"--producer-jar", "p", "--worker-jar", "w",
                "--anchor-dir", "a", "--anchor-build", "b"});
        assertFalse(withAnchor.flag("no-anchor"));
        assertThrows(Options.UsageException.class, () -> Options.parse(new String[]{"--producer-jar", "p",
                "--worker-jar", "w", "--no-anchor=maybe"}));
    }
}
