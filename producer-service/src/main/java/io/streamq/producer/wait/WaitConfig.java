package io.streamq.producer.wait;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** Waiting for a job to finish ({@code GET /v1/jobs/{id}?wait=}): {@code streamq.producer.wait.*}. */
@ConfigMapping(prefix = "streamq.producer.wait")
public interface WaitConfig {

    /** Requests waiting at once on this replica; one more is answered 503 with Retry-After. */
    @WithDefault("2000")
    @Min(1)
    int maxWaiters();

    /**
     * Waiting requests talking to Redis at once (their first read and mark, and their final read with its
     * data-access entry). Many waiters woken by one finish message queue here in memory instead of taking the whole
     * connection pool from every other request.
     */
    @WithDefault("8")
    @Min(1)
    int concurrentReads();

    /** Wait before subscribing to the finished channel again after the subscription was lost. */
    @WithDefault("1s")
    @DurationMin(millis = 1)
    Duration resubscribeDelay();
}
