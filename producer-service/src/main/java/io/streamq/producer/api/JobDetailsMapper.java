package io.streamq.producer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.streamq.core.job.JobError;
import io.streamq.core.job.JobView;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Turns a stored job into what a client may see of it. */
@ApplicationScoped
public class JobDetailsMapper {

    private final ObjectMapper mapper;

    public JobDetailsMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    JobDetails of(JobView v) {
        return new JobDetails(v.id(), v.queue().wireName(), v.name(), v.state(), v.priority(), v.attempts(), v.maxAttempts(),
                instant(v.createdAt()), instant(v.dueAt()), instant(v.startedAt()), instant(v.finishedAt()),
                v.durationMs(), json(v.progress()), instant(v.progressAt()), v.cancelledBy(), v.cancelledFrom(),
                json(v.result()), error(v.lastError()), instant(v.firstFailedAt()),
                instant(v.lastFailedAt()), json(v.payload()));
    }

    // The stack stays in Redis for operators; clients get what they can act on.
    private static JobErrorDetails error(JobError e) {
        return e == null ? null : new JobErrorDetails(e.code(), e.name(), e.message());
    }

    private static Instant instant(Long epochMs) {
        return epochMs == null ? null : Instant.ofEpochMilli(epochMs);
    }

    // Handlers should store JSON; if one stored plain text, the client still gets it, as a string.
    private JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
