package io.streamq.producer.batch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** Coalescing of single enqueues ({@code POST /v1/jobs}) into shared script calls: {@code streamq.producer.enqueue.*}. */
@ConfigMapping(prefix = "streamq.producer.enqueue")
public interface EnqueueBatchConfig {

    /**
     * Most single enqueues sent in one script call. Requests that arrive while a call is in flight wait for the next
     * one, so a batch only ever holds what queued up during one round trip: no timer adds latency. 1 sends one job
     * per call (still one call in flight per queue at a time). At most 1,000, the bulk API's limit, so one call never
     * outgrows what a bulk request may do.
     */
    @WithDefault("256")
    @Min(1)
    @Max(1000)
    int maxBatch();

    /**
     * How long one enqueue call may take before its requests fail and the queue's next call goes out: the Redis client
     * has no timeout of its own, and a call that never answers would hold up every later enqueue of its queue.
     */
    @WithDefault("10s")
    @DurationMin(millis = 1)
    Duration callTimeout();
}
