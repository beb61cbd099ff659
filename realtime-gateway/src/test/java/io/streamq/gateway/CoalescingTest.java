package io.streamq.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A burst of job events reaches a client as a few summaries whose counts add up, plus every failure. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class CoalescingTest {

    private static final int EVENTS = 2_000;
    private static final String[] STATES = {"waiting", "active", "completed", "delayed"};

    @TestHTTPResource("/owner/realtime")
    URI uri;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void gatewayListens() {
        TestRedis.awaitGatewaySubscribed();
    }

    @Test
    void twoThousandEventsArriveAsFewSummariesThatAddUpAndEveryFailureIndividually() throws Exception {
        try (WsClient client = WsClient.connect(WsClient.ws(uri), TestTokens.owner("burst-1"))) {
            client.send("{\"type\":\"subscribe_queue\",\"queue\":\"ai\"}");
            client.await(WsClient.type("ack"), Duration.ofSeconds(10));

            Set<String> failedIds = new HashSet<>();
            for (int i = 0; i < EVENTS; i++) {
                String state = i % 50 == 0 ? "failed" : i % 97 == 0 ? "stalled" : STATES[i % STATES.length];
                String jobId = "ai-" + (100_000 + i);
                if (state.equals("failed")) {
                    failedIds.add(jobId);
                }
                redis.pubsub(String.class).publish(Channels.JOB_EVENTS, "{\"queue\":\"ai\",\"events\":[{\"jobId\":\""
                        + jobId + "\",\"state\":\"" + state + "\",\"attempt\":1,\"ts\":" + i + "}]}");
            }

            long queueTotal = 0;
            long globalTotal = 0;
            int summaries = 0;
            Set<String> failuresSeen = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((queueTotal < EVENTS || globalTotal < EVENTS || failuresSeen.size() < failedIds.size())
                    && System.nanoTime() < deadline) {
                JsonNode f = client.next(Duration.ofSeconds(1));
                if (f == null) {
                    continue;
                }
                String type = f.path("type").asText();
                String room = f.path("room").asText();
                if (type.equals("job_summary") && room.equals("queue:ai")) {
                    summaries++;
                    queueTotal += sum(f.path("queues").path("ai"));
                } else if (type.equals("job_summary") && room.equals("global")) {
                    globalTotal += sum(f.path("queues").path("ai"));
                } else if (type.equals("job_event") && f.path("event").path("state").asText().equals("failed")) {
                    failuresSeen.add(f.path("event").path("jobId").asText());
                }
            }
            assertThat(queueTotal).isEqualTo(EVENTS);
            assertThat(globalTotal).isEqualTo(EVENTS);
            assertThat(failuresSeen).isEqualTo(failedIds);
            // One summary per 250 ms tick with traffic: far fewer frames than events.
            assertThat(summaries).isBetween(1, EVENTS / 10);

            // Nothing more trickles in afterwards: the counts were exact, not at-least.
            JsonNode extra;
            while ((extra = client.next(Duration.ofMillis(600))) != null) {
                assertThat(extra.path("type").asText()).isNotEqualTo("job_summary");
            }
        }

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("streamq_gateway_clients").contains("streamq_gateway_frames_dropped_total");
        assertThat(metricValue(metrics, "streamq_gateway_frames_sent_total")).isGreaterThan(40);
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (Iterator<JsonNode> it = counts.elements(); it.hasNext(); ) {
            total += it.next().asLong();
        }
        return total;
    }

    private static double metricValue(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(-1.0);
    }
}
