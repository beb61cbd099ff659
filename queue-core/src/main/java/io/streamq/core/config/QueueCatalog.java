package io.streamq.core.config;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.failure.Backoff;
import io.streamq.core.failure.FailurePolicy;
import io.streamq.core.limits.QueueLimits;
import io.streamq.core.limits.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The effective settings of every work queue, validated once at startup. */
@ApplicationScoped
public class QueueCatalog {

    private final Map<QueueName, QueueSettings> settings = new EnumMap<>(QueueName.class);
    private final Map<String, Duration> jobTimeouts;
    private final Duration idempotencyTtl;

    public QueueCatalog(StreamqConfig config) {
        for (QueueName queue : QueueName.workQueues()) {
            StreamqConfig.QueueConfig c = config.queue().get(queue.wireName());
            if (c == null) {
                throw new IllegalStateException("No configuration for queue " + queue + " (streamq.queue."
                        + queue + ".*)");
            }
            settings.put(queue, toSettings(queue, c));
        }
        this.jobTimeouts = Map.copyOf(config.jobTimeout());
        for (String type : jobTimeouts.keySet()) {
            if (JobType.fromWire(type).isEmpty()) {
                throw new IllegalStateException("streamq.job-timeout names an unknown job type: " + type);
            }
        }
        this.idempotencyTtl = config.idempotencyTtl();
    }

    private static QueueSettings toSettings(QueueName queue, StreamqConfig.QueueConfig c) {
        if (c.attempts() < 1 || c.concurrency() < 1) {
            throw new IllegalStateException("streamq.queue." + queue + ": attempts and concurrency must be >= 1");
        }
        StreamqConfig.BackoffConfig b = c.backoff();
        Backoff backoff = new Backoff(Backoff.Kind.valueOf(b.type().toUpperCase(Locale.ROOT)), b.delay(), b.max(),
                b.jitter());
        return new QueueSettings(queue, c.attempts(), c.timeout(), c.concurrency(), c.visibilityTimeout(),
                removal(c.removeCompleted()), removal(c.removeFailed()),
                new FailurePolicy(backoff, c.nonRetryableCodes().orElse(Set.of()), c.retryTimeouts()), limits(c));
    }

    private static QueueLimits limits(StreamqConfig.QueueConfig c) {
        RateLimit rate = c.rateLimit().map(r -> new RateLimit(r.jobs(), r.per().toMillis())).orElse(null);
        return new QueueLimits(rate, c.maxActive().orElse(null));
    }

    private static RemovalPolicy removal(StreamqConfig.RemovalConfig r) {
        return new RemovalPolicy(r.keepLast(), r.keepFor());
    }

    public QueueSettings settings(QueueName queue) {
        QueueSettings s = settings.get(queue);
        if (s == null) {
            throw new IllegalArgumentException("Queue " + queue + " has no work settings");
        }
        return s;
    }

    /** The handler timeout of a type: its own if configured, else its queue's. */
    public Duration timeout(JobType type) {
        return jobTimeouts.getOrDefault(type.wireName(), settings(type.queue()).timeout());
    }

    public Duration idempotencyTtl() {
        return idempotencyTtl;
    }
}
