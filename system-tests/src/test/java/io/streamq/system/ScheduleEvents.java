package io.streamq.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.Channels;
import io.streamq.testing.RedisSubscriber;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fired} and {@code skipped} events of schedules, as a subscriber to the job events sees them, and the due
 * times they account for: a fire stands for its due time, or for {@code missed} due times from it (run-once); a skip
 * for its {@code missed} due times.
 */
final class ScheduleEvents implements AutoCloseable {

    /** One event: {@code times} are the due times it accounts for. */
    record Event(String schedule, String state, long dueAt, int missed, String jobId, List<Long> times) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final RedisSubscriber subscriber;

    ScheduleEvents(int redisPort) throws IOException {
        subscriber = new RedisSubscriber(redisPort, Channels.JOB_EVENTS);
    }

    /** The events of {@code schedule} so far, in the order published; {@code everyMs} spaces the missed times. */
    List<Event> of(String schedule, long everyMs) {
        List<Event> out = new ArrayList<>();
        for (String message : subscriber.messages) {
            JsonNode batch = read(message.substring(Channels.JOB_EVENTS.length() + 1));
            for (JsonNode e : batch.path("events")) {
                if (!schedule.equals(e.path("schedule").asText())) {
                    continue;
                }
                long due = e.path("dueAt").asLong();
                int missed = e.path("missed").asInt(0);
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < Math.max(1, missed); i++) {
                    times.add(due + i * everyMs);
                }
                out.add(new Event(schedule, e.path("state").asText(), due, missed, e.path("jobId").asText(null),
                        times));
            }
        }
        return out;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        subscriber.close();
    }
}
