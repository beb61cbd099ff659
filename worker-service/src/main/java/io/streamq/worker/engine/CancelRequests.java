package io.streamq.worker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.pubsub.ChannelSubscription;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Hears the cancellations of active jobs (commands/cancel-jobs.lua publishes one per job on
 * {@link Channels#JOB_CANCEL_REQUESTS}) and stops the handler of each one this worker holds, at once: no polling.
 * A job whose claim answer is still on its way when its cancel is heard is stopped as it starts ({@link EarlyCancels}).
 * The job is recorded cancelled before the message is sent, so a message missed while the subscription reconnects
 * only delays the interrupt: the next lease renewal ({@link LeaseKeeper}) finds the lease gone and stops the handler.
 */
final class CancelRequests implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CancelRequests.class);
    private static final Duration RESUBSCRIBE_AFTER = Duration.ofSeconds(1);

    private final String workerId;
    private final Engine engine;
    private final EarlyCancels earlyCancels;
    private final ObjectMapper mapper;
    private final ChannelSubscription subscription;

    CancelRequests(ReactiveRedisDataSource redis, ObjectMapper mapper, String workerId, Engine engine,
                   EarlyCancels earlyCancels) {
        this.workerId = workerId;
        this.engine = engine;
        this.earlyCancels = earlyCancels;
        this.mapper = mapper;
        this.subscription = new ChannelSubscription(redis, List.of(Channels.JOB_CANCEL_REQUESTS),
                (channel, message) -> heard(message), RESUBSCRIBE_AFTER);
    }

    /** Subscribes in the background: until it holds, lease renewals stop cancelled jobs. */
    void start() {
        subscription.startInBackground();
    }

    private void heard(String message) {
        JsonNode request;
        try {
            request = mapper.readTree(message);
        } catch (Exception e) {
            LOG.warnf("ignored a malformed cancel request: %s", e.toString());
            return;
        }
        if (!workerId.equals(request.path("worker").asText())) {
            return;
        }
        Optional<QueueName> queue = QueueName.fromWire(request.path("queue").asText());
        if (queue.isEmpty()) {
            return;
        }
        String jobId = request.path("jobId").asText();
        String entryId = request.path("entry").asText();
        // Noted before the running jobs are looked at: a job listed as running after this look finds it as it starts.
        earlyCancels.heard(entryId);
        if (engine.cancelRequested(queue.get(), entryId, jobId)) {
            earlyCancels.take(entryId);
            LOG.infof("%s: %s was cancelled; stopping its handler", queue.get(), jobId);
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
