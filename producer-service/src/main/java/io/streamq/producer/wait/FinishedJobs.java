package io.streamq.producer.wait;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamq.core.contract.Channels;
import io.streamq.core.pubsub.ChannelSubscription;
import io.streamq.core.store.JobControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * This replica's one subscription to {@link Channels#JOB_FINISHED}, whatever the number of waiters: each message
 * wakes the waiters of its jobs in memory. The subscription re-subscribes by itself after a loss, but what was
 * published meanwhile reached nobody; so each time it is confirmed, every waited-for job is looked at once more
 * (through the same permits as the waiters), and the finished ones are woken.
 */
@ApplicationScoped
public class FinishedJobs {

    private static final Logger LOG = Logger.getLogger(FinishedJobs.class);

    private final ChannelSubscription subscription;
    private final JobWaiters waiters;
    private final JobControl control;
    private final ReadPermits permits;
    private final ObjectMapper json;

    public FinishedJobs(ReactiveRedisDataSource redis, JobWaiters waiters, JobControl control, ReadPermits permits,
                        ObjectMapper json, WaitConfig config) {
        this.subscription = new ChannelSubscription(redis, List.of(Channels.JOB_FINISHED),
                (channel, message) -> onMessage(message), config.resubscribeDelay()).onSubscribed(this::recheck);
        this.waiters = waiters;
        this.control = control;
        this.permits = permits;
        this.json = json;
    }

    void onStart(@Observes StartupEvent event) {
        subscription.startInBackground();
    }

    void onStop(@Observes ShutdownEvent event) {
        subscription.close();
    }

    /** True while Redis confirms the subscription. */
    public boolean subscribed() {
        return subscription.subscribed();
    }

    // Called on the subscription's event loop: parse and hand over, nothing that blocks.
    private void onMessage(String message) {
        FinishedJobsMessage finished;
        try {
            finished = json.readValue(message, FinishedJobsMessage.class);
        } catch (Exception e) {
            LOG.warnf("ignored a finished-jobs message that cannot be read: %s", e.getMessage());
            return;
        }
        if (finished.jobs() != null) {
            finished.jobs().forEach(job -> waiters.finished(job.jobId()));
        }
    }

    /** Wakes the waiters of jobs that finished (or went away) while no message could arrive. */
    private void recheck() {
        List<String> jobIds = waiters.jobIds();
        if (!jobIds.isEmpty()) {
            LOG.infof("subscribed again: looking at the %d jobs waited for", jobIds.size());
        }
        for (String jobId : jobIds) {
            permits.run(null, () -> control.watch(jobId))
                    .subscribe().with(state -> {
                        if (state.isEmpty() || state.get().finished()) {
                            waiters.finished(jobId);
                        }
                    }, failure -> LOG.debugf("could not look at job %s again: %s", jobId, failure.toString()));
        }
    }
}
