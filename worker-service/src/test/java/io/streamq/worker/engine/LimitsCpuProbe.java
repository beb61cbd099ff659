package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.limits.LimitOverride;
import io.streamq.core.limits.OwnerLimits;
import io.streamq.core.limits.RateLimit;
import io.streamq.testing.RedisTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A measurement, run by hand (docs/benchmarks.md), not a test: Redis CPU per job with no limits against limits set
 * that never bind, and Redis CPU while three engines are held at a limit with a backlog for 30 s.
 * {@code ./mvnw -B -o -pl queue-testing,queue-core,worker-service verify -Dtest=LimitsCpuProbe
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlimits.probe=true}
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "limits.probe", matches = "true")
class LimitsCpuProbe {

    private static final QueueName Q = QueueName.WORKFLOWS;
    private static final JobType TYPE = JobType.WORKFLOW_START_RUN;
    private static final String PAYLOAD = "{\"workflowId\":\"wf.v1\",\"input\":{}}";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Engines engines;

    @Test
    void measure() throws InterruptedException {
        int jobs = 20_000;
        for (int round = 0; round < 2; round++) {
            report("no limits", perJob(jobs, OwnerLimits.NONE));
            report("limits set, never binding", perJob(jobs, new OwnerLimits(
                    LimitOverride.of(new RateLimit(1_000_000, 1000)), LimitOverride.of(1_000_000))));
        }
        report("held at rate 20/s, 30 s", held(new OwnerLimits(LimitOverride.of(new RateLimit(20, 1000)),
                LimitOverride.followConfig()), ctx -> "ok"));
        report("held at max active 3 (jobs run 60 s), 30 s", held(new OwnerLimits(LimitOverride.followConfig(),
                LimitOverride.of(3)), ctx -> ScriptedHandler.sleep(Duration.ofSeconds(60))));
    }

    /** Redis CPU µs per job processed by three engines from a backlog of {@code jobs}, and the calls made. */
    private String perJob(int jobs, OwnerLimits limits) throws InterruptedException {
        ScriptedHandler noop = new ScriptedHandler(TYPE, c -> "ok");
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine a = engines.engine(redis, "cpu-a", EnumSet.of(Q), List.of(noop));
             TestEngine b = engines.engine(redis, "cpu-b", EnumSet.of(Q), List.of(noop));
             TestEngine c = engines.engine(redis, "cpu-c", EnumSet.of(Q), List.of(noop))) {
            a.store.limits.write(Q, limits).await().atMost(WAIT);
            for (int i = 0; i < jobs; i += 1000) {
                a.store.enqueue(TYPE, 1000, n -> PAYLOAD);
            }
            redis.command("CONFIG", "RESETSTAT");
            double before = cpu(redis);
            List.of(a, b, c).forEach(TestEngine::start);
            while (noop.runs().size() < jobs) {
                Thread.sleep(50);
            }
            List.of(a, b, c).forEach(e -> e.stop(Duration.ofSeconds(5)));
            double used = cpu(redis) - before;
            return String.format("%.1f µs Redis CPU per job (%d jobs); %s", used * 1e6 / jobs, jobs, calls(redis));
        }
    }

    /** Redis CPU over 30 s while three engines are held at a limit with a backlog of 5,000. */
    private String held(OwnerLimits limits, ScriptedHandler.Work work) throws InterruptedException {
        ScriptedHandler handler = new ScriptedHandler(TYPE, work);
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine a = engines.engine(redis, "held-a", EnumSet.of(Q), List.of(handler));
             TestEngine b = engines.engine(redis, "held-b", EnumSet.of(Q), List.of(handler));
             TestEngine c = engines.engine(redis, "held-c", EnumSet.of(Q), List.of(handler))) {
            a.store.limits.write(Q, limits).await().atMost(WAIT);
            for (int i = 0; i < 5; i++) {
                a.store.enqueue(TYPE, 1000, n -> PAYLOAD);
            }
            List.of(a, b, c).forEach(TestEngine::start);
            Thread.sleep(3_000);
            redis.command("CONFIG", "RESETSTAT");
            double before = cpu(redis);
            Thread.sleep(30_000);
            double used = cpu(redis) - before;
            String out = String.format("%.3f s Redis CPU in 30 s (%.2f %% of a core); %s", used, used / 30 * 100,
                    calls(redis));
            List.of(a, b, c).forEach(e -> e.stop(Duration.ofMillis(500)));
            return out;
        }
    }

    private static double cpu(RedisTestServer redis) {
        Map<String, String> info = info(redis, "CPU");
        return Double.parseDouble(info.get("used_cpu_sys")) + Double.parseDouble(info.get("used_cpu_user"));
    }

    private static String calls(RedisTestServer redis) {
        return info(redis, "commandstats").entrySet().stream()
                .filter(e -> e.getKey().startsWith("cmdstat_"))
                .map(e -> e.getKey().substring(8) + " " + e.getValue().replaceAll(",usec_per_call.*", ""))
                .sorted().collect(Collectors.joining("; "));
    }

    private static Map<String, String> info(RedisTestServer redis, String section) {
        return redis.command("INFO", section).lines().filter(l -> l.contains(":")).collect(Collectors.toMap(
                l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1).strip(), (x, y) -> y));
    }

    private static void report(String what, String figure) {
        System.out.println("[limits-cpu] " + what + ": " + figure);
    }
}
