package io.streamq.producer.batch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Coalescing of single enqueues ({@code POST /v1/jobs}) into shared script calls: {@code streamq.producer.enqueue.*}. */
@ConfigMapping(prefix = "streamq.producer.enqueue")
public interface EnqueueBatchConfig {

    /**
     * Most single enqueues sent in one script call. Requests that arrive while a call is in flight wait for the next
     * one, so a batch only ever holds what queued up during one round trip: no timer adds latency. 1 sends every
     * job on its own. At most 1,000, the bulk API's limit, so one call never outgrows what a bulk request may do.
     */
    @WithDefault("256")
    @Min(1)
    @Max(1000)
    int maxBatch();
}
