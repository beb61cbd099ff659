package io.streamq.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.ServiceApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedules fired by real worker-service processes: three replicas fire an every-second schedule for two minutes, one
 * job per due time; a restart across due times follows each missed-run policy.
 */
class SchedulesIT {

    /** The default schedules would add jobs of their own to the queues counted here. */
    private static final Map<String, String> NO_DEFAULTS = Map.of(
            "STREAMQ_SCHEDULES_DEFAULTS_SYSTEM_CLEANUP_ENABLED", "false",
            "STREAMQ_SCHEDULES_DEFAULTS_SYSTEM_REFRESH_STATS_ENABLED", "false",
            "STREAMQ_SCHEDULES_DEFAULTS_ANALYTICS_AGGREGATE_DAILY_ENABLED", "false");

    private static String schedule(String id, long everyMs, long startAt, Long endAt, String missedRuns) {
        return "{\"id\":\"" + id + "\",\"jobName\":\"system.health-check\",\"payload\":{},\"everyMs\":" + everyMs
                + ",\"startAt\":" + startAt + (endAt == null ? "" : ",\"endAt\":" + endAt)
                + ",\"missedRuns\":\"" + missedRuns + "\"}";
    }

    @Test
    void threeReplicasFireEachDueTimeOfAnEverySecondScheduleOnceForTwoMinutes() throws Exception {
        Map<String, String> settings = new HashMap<>(NO_DEFAULTS);
        settings.put("STREAMQ_WORKER_QUEUES", "system");
        try (Platform platform = new Platform("schedules-three-replicas", settings);
             ScheduleEvents events = new ScheduleEvents(platform.redis().port())) {
            ServiceApp monitor = platform.startService("monitor-service");
            for (String name : List.of("worker-a", "worker-b", "worker-c")) {
                platform.startWorker(name);
            }
            long startAt = (platform.redisTimeMs() / 1000 + 3) * 1000;
            long endAt = startAt + 119_000;
            platform.call(monitor, "POST", "/owner/schedules", schedule("beat", 1_000, startAt, endAt, "skip"),
                    Map.of(), 201);

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    platform.call(monitor, "GET", "/owner/schedules/beat", null, Map.of(), 200).get("nextDueAt")
                            .isNull());
            // The last fire's event is published inside its script; let the subscriber catch up.
            await().atMost(Duration.ofSeconds(10)).until(() -> events.of("beat", 1_000).stream()
                    .anyMatch(e -> e.times().contains(endAt)));

            List<ScheduleEvents.Event> all = events.of("beat", 1_000);
            List<Long> accounted = new ArrayList<>();
            all.forEach(e -> accounted.addAll(e.times()));
            List<Long> expected = LongStream.rangeClosed(0, 119).mapToObj(k -> startAt + k * 1_000).toList();
            assertThat(accounted).as("each due time handled once, no gaps").containsExactlyInAnyOrderElementsOf(expected);
            List<ScheduleEvents.Event> fired = all.stream().filter(e -> e.state().equals("fired")).toList();
            Set<String> jobIds = new HashSet<>(fired.stream().map(ScheduleEvents.Event::jobId).toList());
            assertThat(jobIds).as("one job per fire").hasSize(fired.size());
            // Missed times (every replica more than 5 s late) are skipped and published; on a sane machine there are
            // none, and they may never be most of the run.
            assertThat(fired.size()).as("fired of 120").isGreaterThan(100);
            JsonNode schedule = platform.call(monitor, "GET", "/owner/schedules/beat", null, Map.of(), 200);
            assertThat(schedule.get("runs").asInt()).isEqualTo(fired.size());
            String created = platform.redis().command("GET", QueueKeys.of(QueueName.SYSTEM).sequence());
            assertThat(Long.parseLong(created)).as("jobs the system queue ever made").isEqualTo(fired.size());
        }
    }

    @Test
    void aRestartAcrossDueTimesFollowsEachMissedRunPolicy() throws Exception {
        Map<String, String> settings = Map.of("STREAMQ_WORKER_QUEUES", "system",
                "STREAMQ_SCHEDULES_MISSED_AFTER", "PT2S");
        try (Platform platform = new Platform("schedules-restart", settings);
             ScheduleEvents events = new ScheduleEvents(platform.redis().port())) {
            ServiceApp monitor = platform.startService("monitor-service");
            ServiceApp first = platform.startWorker("worker-a");
            long startAt = (platform.redisTimeMs() / 1000 + 2) * 1000;
            for (String policy : List.of("skip", "run-once")) {
                platform.call(monitor, "POST", "/owner/schedules", schedule(policy, 3_000, startAt, null, policy),
                        Map.of(), 201);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> events.of("skip", 3_000).size() >= 2
                    && events.of("run-once", 3_000).size() >= 2);

            first.close();
            long stoppedAt = platform.redisTimeMs();
            // Down across at least two due times, each later than the 2 s threshold by the time a worker is back.
            await().atMost(Duration.ofSeconds(30)).until(() -> platform.redisTimeMs() > stoppedAt + 9_000);
            int skipBefore = events.of("skip", 3_000).size();
            int onceBefore = events.of("run-once", 3_000).size();
            platform.startWorker("worker-b");
            await().atMost(Duration.ofSeconds(60)).until(() -> events.of("skip", 3_000).size() >= skipBefore + 3
                    && events.of("run-once", 3_000).size() >= onceBefore + 3);

            List<ScheduleEvents.Event> skip = events.of("skip", 3_000);
            ScheduleEvents.Event skipped = skip.get(skipBefore);
            assertThat(skipped.state()).isEqualTo("skipped");
            assertThat(skipped.missed()).isGreaterThanOrEqualTo(2);
            assertThat(skipped.jobId()).as("no job for skipped times").isNull();
            assertThat(skip.subList(skipBefore + 1, skip.size())).allMatch(e -> e.state().equals("fired")
                    && e.missed() == 0);
            assertConsecutive(skip, startAt);

            List<ScheduleEvents.Event> once = events.of("run-once", 3_000);
            ScheduleEvents.Event caughtUp = once.get(onceBefore);
            assertThat(caughtUp.state()).isEqualTo("fired");
            assertThat(caughtUp.missed()).isGreaterThanOrEqualTo(2);
            assertThat(caughtUp.jobId()).as("one job for all missed times").isNotNull();
            assertThat(once.subList(onceBefore + 1, once.size())).allMatch(e -> e.state().equals("fired")
                    && e.missed() == 0);
            assertConsecutive(once, startAt);
            Set<String> onceJobs = new HashSet<>(once.stream().map(ScheduleEvents.Event::jobId).toList());
            assertThat(onceJobs).hasSize(once.size());

            // The defaults were installed at the first start (origin config) and not again by the second.
            JsonNode all = platform.call(monitor, "GET", "/owner/schedules", null, Map.of(), 200);
            List<String> defaults = new ArrayList<>();
            all.forEach(s -> {
                if (s.get("origin").asText().equals("config")) {
                    defaults.add(s.get("id").asText());
                }
            });
            assertThat(defaults).containsExactly("analytics-aggregate-daily", "system-cleanup",
                    "system-refresh-stats");
        }
    }

    /** The due times the events account for are the schedule's grid from its start, each once, none left out. */
    private static void assertConsecutive(List<ScheduleEvents.Event> events, long startAt) {
        List<Long> accounted = new ArrayList<>();
        events.forEach(e -> accounted.addAll(e.times()));
        List<Long> grid = LongStream.range(0, accounted.size()).mapToObj(k -> startAt + k * 3_000).toList();
        assertThat(accounted).isEqualTo(grid);
    }
}
