package io.streamq.core.pubsub;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * ONE Redis subscription to a set of channels, whatever the number of listeners behind it (WebSocket clients,
 * waiting requests, running jobs): messages are fanned out in memory. Each replica runs its own, so every replica
 * receives every message. When the subscription connection ends or fails, it subscribes again after a delay; what is
 * published meanwhile is lost (pub/sub keeps nothing), so a listener that must not miss a message has a second way
 * to learn it.
 *
 * <p>A plain class (not a bean) so that a test can run a second, independent one beside the application's.
 */
public final class ChannelSubscription implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChannelSubscription.class);

    private final ReactivePubSubCommands<String> pubsub;
    private final List<String> channels;
    private final BiConsumer<String, String> sink;
    private final Duration retryDelay;

    private volatile Runnable onSubscribed = () -> { };
    private volatile ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;
    private volatile boolean stopped;

    /** @param sink called with (channel, message) on the Redis client's event loop: it must not block */
    public ChannelSubscription(ReactiveRedisDataSource redis, List<String> channels, BiConsumer<String, String> sink,
                        Duration retryDelay) {
        this.pubsub = redis.pubsub(String.class);
        this.channels = List.copyOf(channels);
        this.sink = sink;
        this.retryDelay = retryDelay;
    }

    /**
     * Runs {@code action} each time Redis confirms the subscription, the first time and after every loss: what was
     * published while it was down reached nobody, and a listener that must not miss it looks again then.
     */
    public ChannelSubscription onSubscribed(Runnable action) {
        this.onSubscribed = action;
        return this;
    }

    /** Completes once Redis confirmed the subscription. */
    public Uni<Void> start() {
        return pubsub.subscribe(channels, this::deliver, this::ended, this::failed)
                .invoke(s -> {
                    if (stopped) {
                        // Closed while this subscription was on its way: it must not outlive the close.
                        s.unsubscribe().subscribe().with(ok -> { }, failure -> { });
                        return;
                    }
                    subscriber = s;
                    LOG.infof("subscribed to %s", channels);
                    onSubscribed.run();
                })
                .replaceWithVoid();
    }

    /** Subscribes without waiting; a failure is retried after the delay until the subscription holds. */
    public void startInBackground() {
        start().subscribe().with(ok -> { }, this::failed);
    }

    public boolean subscribed() {
        return subscriber != null && !stopped;
    }

    private void deliver(String channel, String message) {
        try {
            sink.accept(channel, message);
        } catch (RuntimeException e) {
            // One bad message must not end the subscription of every client.
            LOG.warnf(e, "could not relay a message of %s", channel);
        }
    }

    private void ended() {
        subscriber = null;
        if (!stopped) {
            LOG.warn("the Redis subscription ended; subscribing again");
            resubscribe();
        }
    }

    private void failed(Throwable failure) {
        subscriber = null;
        if (!stopped) {
            LOG.warnf("the Redis subscription failed (%s); subscribing again", failure.toString());
            resubscribe();
        }
    }

    private void resubscribe() {
        Uni.createFrom().voidItem()
                .onItem().delayIt().by(retryDelay)
                .chain(() -> stopped ? Uni.createFrom().voidItem() : start())
                .subscribe().with(ok -> { }, failure -> failed(failure));
    }

    @Override
    public void close() {
        stopped = true;
        ReactivePubSubCommands.ReactiveRedisSubscriber s = subscriber;
        subscriber = null;
        if (s != null) {
            s.unsubscribe().subscribe().with(ok -> { }, failure -> { });
        }
    }
}
