package io.streamq.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.JobType;
import io.streamq.core.testing.Published;
import io.streamq.testing.PeerServer;
import io.streamq.testing.RedisSubscriber;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The domain events the real handlers publish for the workflows, analytics and plugins rooms, read by a subscriber on
 * the channels: what they say, that only succeeded work is told, and that no payload, answer, URL or secret leaks.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(PeersTestResource.class)
class DomainEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Jobs jobs;

    private List<JsonNode> published(String channel, Runnable step) {
        try (Published published = Published.on(RedisTestResource.server(), channel)) {
            return published.messages(step);
        }
    }

    /** The envelope every event of a job has: its type, job, queue, tenant and a time. */
    private static void assertEnvelope(JsonNode event, String type, String jobId, String queue) {
        assertThat(event.path("type").asText()).isEqualTo(type);
        assertThat(event.path("jobId").asText()).isEqualTo(jobId);
        assertThat(event.path("queue").asText()).isEqualTo(queue);
        assertThat(event.path("tenant").asText()).isEqualTo("handlers-tenant");
        assertThat(event.path("ts").asLong()).isPositive();
    }

    @Test
    void workflowRoomHearsRunsStartedStepsFinishedAndRunsFinishedAsTheEngineSaidThem() {
        PeerServer peer = Peers.http();
        peer.onJson("/engine/workflows/ev-onboarding/runs", 201,
                "{\"runId\":\"run-ev1\",\"status\":\"running\",\"echo\":\"answer-secret-1\"}");
        String[] started = new String[1];
        String startRun = "{\"workflowId\":\"ev-onboarding\",\"input\":{\"apiToken\":\"in-secret-1\"}}";
        List<JsonNode> start = published(Channels.WORKFLOW_EVENTS, () -> started[0] = jobs.await(
                jobs.enqueue(JobType.WORKFLOW_START_RUN, startRun), "completed").id());
        assertThat(start).singleElement().satisfies(e -> {
            assertEnvelope(e, "workflow.run-started", started[0], "workflows");
            assertThat(e.path("data").toString())
                    .isEqualTo("{\"workflowId\":\"ev-onboarding\",\"runId\":\"run-ev1\",\"status\":\"running\"}");
        });

        // The engine says the step ended the run: the step finished, then the run.
        peer.onJson("/engine/runs/run-ev1/steps/charge/execute", 200,
                "{\"status\":\"completed\",\"output\":{\"card\":\"out-secret-2\"}}");
        String[] step = new String[1];
        List<JsonNode> finished = published(Channels.WORKFLOW_EVENTS, () -> step[0] = jobs.await(jobs.enqueue(
                JobType.WORKFLOW_EXECUTE_STEP, "{\"runId\":\"run-ev1\",\"stepId\":\"charge\","
                        + "\"input\":{\"card\":\"in-secret-2\"}}"), "completed").id());
        assertThat(finished).hasSize(2);
        assertEnvelope(finished.get(0), "workflow.step-finished", step[0], "workflows");
        assertThat(finished.get(0).path("data").toString())
                .isEqualTo("{\"runId\":\"run-ev1\",\"stepId\":\"charge\",\"status\":\"completed\"}");
        assertEnvelope(finished.get(1), "workflow.run-finished", step[0], "workflows");
        assertThat(finished.get(1).path("data").toString())
                .isEqualTo("{\"runId\":\"run-ev1\",\"status\":\"completed\"}");

        // A status that does not end the run (or none) is no run-finished; a failed job tells nothing.
        peer.onJson("/engine/runs/run-ev2/resume", 200, "{\"status\":\"waiting\"}");
        peer.onJson("/engine/runs/run-ev3/resume", 409, "{\"error\":\"finished\"}");
        String[] resumed = new String[1];
        List<JsonNode> resume = published(Channels.WORKFLOW_EVENTS, () -> {
            resumed[0] = jobs.await(jobs.enqueue(JobType.WORKFLOW_RESUME_RUN,
                    "{\"runId\":\"run-ev2\",\"signal\":\"approved\"}"), "completed").id();
            jobs.await(jobs.enqueue(JobType.WORKFLOW_RESUME_RUN, "{\"runId\":\"run-ev3\"}"), "failed");
        });
        assertThat(resume).singleElement().satisfies(e -> {
            assertEnvelope(e, "workflow.run-resumed", resumed[0], "workflows");
            assertThat(e.path("data").toString())
                    .isEqualTo("{\"runId\":\"run-ev2\",\"signal\":\"approved\",\"status\":\"waiting\"}");
        });

        assertThat(List.of(start, finished, resume).toString())
                .doesNotContain("secret", "input", "output", "echo", PeersTestResource.WORKFLOWS_KEY);
    }

    @Test
    void pluginRoomHearsInstallsSyncsAndDeliveredHooksWithoutStateUrlsOrBodies() {
        PeerServer peer = Peers.http();
        peer.onJson("/registry/plugins/ev-crm/versions/2.1.0/manifest", 200, """
                {"id":"ev-crm","version":"2.1.0","hooks":["contact.created","deal.won"],"stateUrl":"%s"}"""
                .formatted(peer.url("/ev-crm/state?token=state-secret-3")));
        peer.onJson("/ev-crm/state", 200, "{\"contacts\":10,\"apiKey\":\"state-secret-4\"}");
        peer.onJson("/ev-hooks/T01/B02/path-secret-5", 202, "{\"ok\":true}");

        String[] ids = new String[3];
        List<JsonNode> events = published(Channels.PLUGIN_EVENTS, () -> {
            ids[0] = jobs.await(jobs.enqueue(JobType.PLUGIN_INSTALL, "{\"pluginId\":\"ev-crm\",\"version\":\"2.1.0\"}"),
                    "completed").id();
            ids[1] = jobs.await(jobs.enqueue(JobType.PLUGIN_SYNC, "{\"pluginId\":\"ev-crm\"}"), "completed").id();
            ids[2] = jobs.await(jobs.enqueue(JobType.PLUGIN_EXECUTE_HOOK, """
                    {"pluginId":"ev-crm","hook":"deal.won","url":"%s","body":{"amount":"body-secret-6"}}"""
                    .formatted(peer.url("/ev-hooks/T01/B02/path-secret-5?sig=query-secret-7"))), "completed").id();
            // Never installed: the sync fails, and nothing is said of it.
            jobs.await(jobs.enqueue(JobType.PLUGIN_SYNC, "{\"pluginId\":\"ev-ghost\"}"), "failed");
        });

        assertThat(events).hasSize(3);
        assertEnvelope(events.get(0), "plugin.installed", ids[0], "plugins");
        assertThat(events.get(0).path("data").toString())
                .isEqualTo("{\"pluginId\":\"ev-crm\",\"version\":\"2.1.0\",\"hooks\":2}");
        assertEnvelope(events.get(1), "plugin.synced", ids[1], "plugins");
        assertThat(events.get(1).path("data").toString()).isEqualTo("{\"pluginId\":\"ev-crm\",\"version\":\"2.1.0\","
                + "\"firstSync\":true,\"added\":2,\"removed\":0,\"changed\":0,\"unchanged\":0}");
        assertEnvelope(events.get(2), "plugin.hook-delivered", ids[2], "plugins");
        assertThat(events.get(2).path("data").toString()).isEqualTo(
                "{\"pluginId\":\"ev-crm\",\"hook\":\"deal.won\",\"status\":202,\"host\":\"127.0.0.1\"}");
        assertThat(events.toString()).doesNotContain("secret", "contacts", "apiKey", "amount", "/ev-hooks", "url",
                "ev-ghost");
    }

    @Test
    void analyticsRoomHearsGeneratedReports() {
        String[] id = new String[1];
        List<JsonNode> events = published(Channels.ANALYTICS_EVENTS, () -> id[0] = jobs.await(jobs.enqueue(
                JobType.ANALYTICS_GENERATE_REPORT,
                "{\"reportId\":\"ev-report\",\"from\":\"2024-04-01\",\"to\":\"2024-04-03\",\"format\":\"json\"}"),
                "completed").id());
        // Tracked-event counts of other tests may share the channel; the report is told once.
        assertThat(events).filteredOn(e -> e.path("type").asText().equals("analytics.report-generated"))
                .singleElement().satisfies(e -> {
                    assertEnvelope(e, "analytics.report-generated", id[0], "analytics");
                    assertThat(e.path("data").toString()).isEqualTo("{\"reportId\":\"ev-report\",\"format\":\"json\","
                            + "\"from\":\"2024-04-01\",\"to\":\"2024-04-03\",\"days\":3}");
                });
    }

    @Test
    void trackedEventsReachTheAnalyticsRoomAsCountsPerSecondNeverOneMessageEach() throws Exception {
        String event = "ev_live_" + UUID.randomUUID().toString().substring(0, 8);
        int tracked = 300;
        try (RedisSubscriber subscriber = subscribed(Channels.ANALYTICS_EVENTS)) {
            long startNanos = System.nanoTime();
            String payload = """
                    {"event":"%s","occurredAt":"2024-04-02T10:00:00Z",
                     "properties":{"email":"prop-secret-8@example.test","plan":"pro"}}""".formatted(event);
            List<String> ids = IntStream.range(0, tracked)
                    .mapToObj(i -> jobs.enqueue(JobType.ANALYTICS_TRACK_EVENT, payload)).toList();
            ids.forEach(id -> jobs.await(id, "completed"));

            List<JsonNode> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                mine.clear();
                for (String message : subscriber.messages) {
                    JsonNode m = JSON.readTree(message.substring(Channels.ANALYTICS_EVENTS.length() + 1));
                    if (m.path("data").path("events").toString().contains(event)) {
                        mine.add(m);
                    }
                }
                return counted(mine, event) >= tracked;
            });
            double seconds = (System.nanoTime() - startNanos) / 1e9;

            // Every counted event once, in as many messages as intervals passed (1 s each), not one per event.
            assertThat(counted(mine, event)).isEqualTo(tracked);
            assertThat(mine.size()).isLessThanOrEqualTo((int) Math.ceil(seconds) + 1).isLessThan(tracked);
            for (JsonNode m : mine) {
                assertThat(m.path("type").asText()).isEqualTo("analytics.events-tracked");
                assertThat(m.path("queue").asText()).isEqualTo("analytics");
                assertThat(m.has("jobId")).as("a count is no one job's").isFalse();
                assertThat(m.path("data").path("to").asLong()).isGreaterThan(m.path("data").path("from").asLong());
                JsonNode entry = entry(m, event);
                assertThat(entry.path("tenant").asText()).isEqualTo("handlers-tenant");
                assertThat(ids).contains(entry.path("lastJobId").asText());
            }
            assertThat(mine.toString()).doesNotContain("prop-secret", "email", "plan", "properties");
        }
    }

    /** A subscriber whose subscription is confirmed: it received a marker published after it subscribed. */
    private static RedisSubscriber subscribed(String channel) throws Exception {
        RedisSubscriber subscriber = new RedisSubscriber(RedisTestResource.server().port(), channel);
        String marker = "~marker-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            RedisTestResource.server().command("PUBLISH", channel, marker);
            return subscriber.messages.stream().anyMatch(m -> m.endsWith(marker));
        });
        subscriber.messages.removeIf(m -> m.contains("~marker-"));
        return subscriber;
    }

    private static long counted(List<JsonNode> messages, String event) {
        return messages.stream().mapToLong(m -> entry(m, event).path("count").asLong()).sum();
    }

    private static JsonNode entry(JsonNode message, String event) {
        for (JsonNode e : message.path("data").path("events")) {
            if (e.path("event").asText().equals(event)) {
                return e;
            }
        }
        return JSON.missingNode();
    }
}
