package io.streamq.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.gateway.session.JobRooms;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.streamq.gateway.TestJobEvents.cancelled;
import static io.streamq.gateway.TestJobEvents.completed;
import static io.streamq.gateway.TestJobEvents.eventOf;
import static io.streamq.gateway.TestJobEvents.percent;
import static io.streamq.gateway.TestJobEvents.progress;
import static io.streamq.gateway.TestJobEvents.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code job:<id>} rooms: every event of one job, in order, and only that job; bad ids and the cap per connection. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class JobRoomsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int REPORTS = 40;

    @TestHTTPResource("/owner/realtime")
    URI uri;

    @Inject
    JobRooms jobRooms;

    @BeforeEach
    void gatewayListens() {
        TestRedis.awaitGatewaySubscribed();
    }

    private static void subscribeJob(WsClient client, String jobId) throws InterruptedException {
        client.send("{\"type\":\"subscribe_job\",\"jobId\":\"" + jobId + "\"}");
        JsonNode ack = client.await(WsClient.type("ack"), WAIT);
        assertThat(ack.path("room").asText()).isEqualTo("job:" + jobId);
    }

    @Test
    void aJobRoomGetsEveryEventOfItsJobInOrderAndNothingElse() throws Exception {
        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("job-1"))) {
            subscribeJob(client, "ai-4201");

            for (int p = 1; p <= REPORTS; p++) {
                TestJobEvents.publish("ai", progress("ai-4201", p));
                TestJobEvents.publish("ai", progress("ai-4202", p));   // another job of the same queue
            }
            TestJobEvents.publish("ai", completed("ai-4202"), cancelled("ai-4201"));

            client.await(eventOf("job:ai-4201", "ai-4201").and(state("cancelled")), WAIT);
            List<JsonNode> events = client.seen().stream().filter(WsClient.type("job_event")).toList();
            assertThat(events).allMatch(f -> "ai-4201".equals(f.path("event").path("jobId").asText()))
                    .allMatch(f -> "job:ai-4201".equals(f.path("room").asText()))
                    .allMatch(f -> "ai".equals(f.path("queue").asText()));
            List<Integer> percents = events.stream().filter(state("progress")).map(TestJobEvents::percent)
                    .toList();
            assertThat(percents).isEqualTo(IntStream.rangeClosed(1, REPORTS).boxed().toList());
            JsonNode last = events.getLast();
            assertThat(last.path("event").path("from").asText()).isEqualTo("active");
            assertThat(last.path("event").path("actor").asText()).isEqualTo("owner-1");
            assertThat(events.get(2).path("event").path("progress").path("data").path("chunk").asInt())
                    .isEqualTo(3);
        }
    }

    @Test
    void unsubscribingEndsTheJobsEventsAndDisconnectingFreesTheIndex() throws Exception {
        int watchedBefore = jobRooms.watchedJobs();
        try (WsClient leaver = WsClient.connect(WsClient.ws(uri), TestTokens.owner("job-2"));
             WsClient stayer = WsClient.connect(WsClient.ws(uri), TestTokens.owner("job-3"))) {
            subscribeJob(leaver, "email-77");
            subscribeJob(stayer, "email-77");
            subscribeJob(stayer, "email-78");
            assertThat(jobRooms.watchedJobs()).isEqualTo(watchedBefore + 2);

            leaver.send("{\"type\":\"unsubscribe_job\",\"jobId\":\"email-77\"}");
            JsonNode left = leaver.await(WsClient.type("ack"), WAIT);
            assertThat(left.path("rooms").toString()).doesNotContain("job:email-77");
            int before = leaver.seen().size();

            TestJobEvents.publish("email", progress("email-77", 50));
            TestJobEvents.publish("email", completed("email-78"));
            // The stayer gets both in publication order; email-77's went to the leaver no later than to it.
            stayer.await(eventOf("job:email-77", "email-77"), WAIT);
            stayer.await(eventOf("job:email-78", "email-78"), WAIT);
            leaver.send("{\"type\":\"ping\"}");
            leaver.await(WsClient.type("pong"), WAIT);
            assertThat(leaver.seen().subList(before, leaver.seen().size())).noneMatch(WsClient.type("job_event"));
        }
        await().atMost(WAIT).until(() -> jobRooms.watchedJobs() == watchedBefore);
    }

    @Test
    void badJobIdsGetAnErrorFrameAndTheConnectionStaysOpen() throws Exception {
        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("job-4"))) {
            for (String message : List.of(
                    "{\"type\":\"subscribe_job\"}",
                    "{\"type\":\"subscribe_job\",\"jobId\":42}",
                    "{\"type\":\"subscribe_job\",\"jobId\":\"ai\"}",
                    "{\"type\":\"subscribe_job\",\"jobId\":\"ai-\"}",
                    "{\"type\":\"subscribe_job\",\"jobId\":\"nope-1\"}",
                    "{\"type\":\"subscribe_job\",\"jobId\":\"ai-1 \"}",
                    "{\"type\":\"unsubscribe_job\",\"jobId\":\"../ai-1\"}")) {
                client.send(message);
                JsonNode error = client.await(WsClient.type("error"), WAIT);
                assertThat(error.path("code").asText()).as(message).isEqualTo("unknown_job");
                assertThat(error.path("message").asText()).contains("jobId");
            }
            client.send("{\"type\":\"ping\"}");
            client.await(WsClient.type("pong"), WAIT);
            assertThat(client.isClosed()).isFalse();
            assertThat(client.seen()).noneMatch(WsClient.type("ack"));
        }
    }

    @Test
    void aConnectionIsInAtMostTheCappedNumberOfJobRooms() throws Exception {
        int cap = jobRooms.maxPerClient();
        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("job-5"))) {
            for (int i = 1; i <= cap; i++) {
                subscribeJob(client, "plugins-" + i);
            }
            client.send("{\"type\":\"subscribe_job\",\"jobId\":\"plugins-" + (cap + 1) + "\"}");
            JsonNode refused = client.await(f -> WsClient.type("error").test(f) || WsClient.type("ack").test(f), WAIT);
            assertThat(refused.path("code").asText()).isEqualTo("too_many_job_rooms");
            // Subscribing again to a job one follows is not a new room.
            subscribeJob(client, "plugins-1");

            TestJobEvents.publish("plugins", completed("plugins-" + (cap + 1)), completed("plugins-" + cap));
            client.await(eventOf("job:plugins-" + cap, "plugins-" + cap), WAIT);
            assertThat(client.seen()).noneMatch(eventOf("job:plugins-" + (cap + 1), "plugins-" + (cap + 1)));

            client.send("{\"type\":\"unsubscribe_job\",\"jobId\":\"plugins-1\"}");
            client.await(WsClient.type("ack"), WAIT);
            subscribeJob(client, "plugins-" + (cap + 1));
            List<String> jobRoomsJoined = new ArrayList<>();
            client.send("{\"type\":\"subscribe_queue\",\"queue\":\"plugins\"}");
            client.await(WsClient.type("ack"), WAIT).path("rooms")
                    .forEach(r -> {
                        if (r.asText().startsWith("job:")) {
                            jobRoomsJoined.add(r.asText());
                        }
                    });
            assertThat(jobRoomsJoined).hasSize(cap).contains("job:plugins-" + (cap + 1))
                    .doesNotContain("job:plugins-1");
        }
    }
}
