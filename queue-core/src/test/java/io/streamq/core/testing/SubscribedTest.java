package io.streamq.core.testing;

import io.streamq.testing.RedisTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test that reads what the scripts it drives publish on one channel ({@link #published}). */
public abstract class SubscribedTest {

    protected Published published;

    /** The channel the scripts under test publish on. */
    protected abstract String channel();

    @BeforeEach
    void subscribe() {
        published = Published.on(RedisTestResource.server(), channel());
    }

    @AfterEach
    void unsubscribe() {
        published.close();
    }
}
