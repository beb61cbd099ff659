package io.streamq.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.Channels;

import java.util.List;
import java.util.function.Predicate;

/** Job-event messages as the queue scripts publish them, and matchers for the frames they become. */
final class TestJobEvents {
    private TestJobEvents() {
    }

    static String progress(String jobId, int percent) {
        return "{\"jobId\":\"" + jobId + "\",\"state\":\"progress\",\"attempt\":1,\"ts\":" + percent
                + ",\"progress\":{\"percent\":" + percent + ",\"data\":{\"chunk\":" + percent + ",\"of\":100}}}";
    }

    static String cancelled(String jobId) {
        return "{\"jobId\":\"" + jobId + "\",\"name\":\"ai.summarize-document\",\"state\":\"cancelled\","
                + "\"from\":\"active\",\"attempt\":1,\"ts\":1000,\"actor\":\"owner-1\"}";
    }

    static String completed(String jobId) {
        return "{\"jobId\":\"" + jobId + "\",\"state\":\"completed\",\"attempt\":1,\"ts\":1000,\"durationMs\":5}";
    }

    /** Publishes {@code events} as one message of {@code queue}, as one script call does. */
    static void publish(String queue, String... events) {
        TestRedis.publish(Channels.JOB_EVENTS,
                "{\"queue\":\"" + queue + "\",\"events\":[" + String.join(",", List.of(events)) + "]}");
    }

    /** A {@code job_event} frame of {@code room} about {@code jobId}. */
    static Predicate<JsonNode> eventOf(String room, String jobId) {
        return f -> "job_event".equals(f.path("type").asText()) && room.equals(f.path("room").asText())
                && jobId.equals(f.path("event").path("jobId").asText());
    }

    static Predicate<JsonNode> state(String state) {
        return f -> state.equals(f.path("event").path("state").asText());
    }

    static int percent(JsonNode frame) {
        return frame.path("event").path("progress").path("percent").asInt(-1);
    }
}
