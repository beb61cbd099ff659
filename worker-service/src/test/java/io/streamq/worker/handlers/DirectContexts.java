package io.streamq.worker.handlers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.PayloadCodec;
import io.streamq.core.job.ClaimedJob;
import io.streamq.worker.handler.Cancellation;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobReporter;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Contexts for tests that call a handler directly rather than through the engine: to see every progress report
 * (the engine stores only the latest) and to cancel at a chosen step.
 */
final class DirectContexts {

    private DirectContexts() {
    }

    static JobContext of(PayloadCodec codec, ObjectMapper mapper, JobType type, String jobId, String payload,
                         int attempt, Cancellation cancellation, JobReporter reporter) throws Exception {
        ClaimedJob job = new ClaimedJob(type.queue(), "1-" + attempt, jobId, type.wireName(), payload, attempt, 3,
                System.currentTimeMillis(), System.currentTimeMillis(), "t", "w", "a");
        return new JobContext(job, codec.decode(type, mapper.readTree(payload)), Duration.ofSeconds(10),
                "direct-test", cancellation, reporter);
    }

    static Cancellation cancellation(BooleanSupplier cancelled) {
        return new Cancellation() {
            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }

            @Override
            public Duration remaining() {
                return Duration.ofSeconds(10);
            }

            @Override
            public void holdInFlight(Duration atMost) {
            }

            @Override
            public void releaseInFlight() {
            }
        };
    }

    static Cancellation notCancelled() {
        return cancellation(() -> false);
    }
}
