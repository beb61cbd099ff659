package io.streamq.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static io.streamq.gateway.TestJobEvents.cancelled;
import static io.streamq.gateway.TestJobEvents.eventOf;
import static io.streamq.gateway.TestJobEvents.percent;
import static io.streamq.gateway.TestJobEvents.progress;
import static io.streamq.gateway.TestJobEvents.state;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress and cancellations in a {@code queue:<name>} room: progress coalesced per job per tick (in order, the last
 * one always delivered), never counted in summaries; cancelled sent one by one and counted.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class QueueRoomProgressTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int REPORTS = 40;

    @TestHTTPResource("/owner/realtime")
    URI uri;

    @BeforeEach
    void gatewayListens() {
        TestRedis.awaitGatewaySubscribed();
    }

    private static List<Integer> percents(List<JsonNode> frames, String room, String jobId) {
        return frames.stream().filter(eventOf(room, jobId).and(state("progress"))).map(TestJobEvents::percent)
                .toList();
    }

    @Test
    void progressArrivesInOrderEndingWithTheLastAndCancelledIsSentAndCounted() throws Exception {
        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("qprogress-1"))) {
            client.send("{\"type\":\"subscribe_queue\",\"queue\":\"ai\"}");
            client.await(WsClient.type("ack"), WAIT);

            for (int p = 1; p <= REPORTS; p++) {
                TestJobEvents.publish("ai", progress("ai-4301", p));
                TestJobEvents.publish("ai", progress("ai-4302", p));
            }
            TestJobEvents.publish("ai", cancelled("ai-4301"));

            client.await(eventOf("queue:ai", "ai-4301").and(state("cancelled")), WAIT);
            List<Integer> cancelledJob = percents(client.seen(), "queue:ai", "ai-4301");
            // Whatever coalescing dropped, what is left is in order and ends with the last report, before cancelled.
            assertThat(cancelledJob).isNotEmpty().isSorted().doesNotHaveDuplicates().endsWith(REPORTS);

            client.awaitSeen(eventOf("queue:ai", "ai-4302").and(f -> percent(f) == REPORTS), WAIT);
            assertThat(percents(client.seen(), "queue:ai", "ai-4302")).isSorted().doesNotHaveDuplicates()
                    .endsWith(REPORTS);

            client.awaitSeen(f -> WsClient.type("job_summary").test(f) && "global".equals(f.path("room").asText())
                    && f.path("queues").path("ai").path("cancelled").asLong() == 1, WAIT);
            List<JsonNode> summaries = client.seen().stream().filter(WsClient.type("job_summary")).toList();
            assertThat(summaries).noneMatch(f -> f.path("queues").path("ai").has("progress"));
            assertThat(summaries.stream().filter(f -> "queue:ai".equals(f.path("room").asText()))
                    .mapToLong(f -> f.path("queues").path("ai").path("cancelled").asLong()).sum()).isEqualTo(1);
        }
    }

    @Test
    void reportsOfOneMessageReachTheQueueRoomCoalescedAndTheJobRoomInFull() throws Exception {
        int reports = 200;
        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("qprogress-2"))) {
            client.send("{\"type\":\"subscribe_queue\",\"queue\":\"analytics\"}");
            client.await(WsClient.type("ack"), WAIT);
            client.send("{\"type\":\"subscribe_job\",\"jobId\":\"analytics-9\"}");
            client.await(WsClient.type("ack"), WAIT);

            TestJobEvents.publish("analytics", IntStream.rangeClosed(1, reports)
                    .mapToObj(p -> progress("analytics-9", p)).toArray(String[]::new));

            // The job room's frames go out as the message is read, the queue room's at the next tick: no order between.
            client.awaitSeen(eventOf("queue:analytics", "analytics-9").and(f -> percent(f) == reports), WAIT);
            client.awaitSeen(eventOf("job:analytics-9", "analytics-9").and(f -> percent(f) == reports), WAIT);
            List<Integer> inQueueRoom = percents(client.seen(), "queue:analytics", "analytics-9");
            // One message is read in one go between ticks: the queue room gets (almost always) only the last.
            assertThat(inQueueRoom).isSorted().doesNotHaveDuplicates().endsWith(reports).hasSizeLessThan(reports);
            assertThat(percents(client.seen(), "job:analytics-9", "analytics-9"))
                    .isEqualTo(IntStream.rangeClosed(1, reports).boxed().toList());
        }
    }
}
