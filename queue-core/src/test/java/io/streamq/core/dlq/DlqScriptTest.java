package io.streamq.core.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamq.core.contract.Channels;
import io.streamq.core.store.DlqStore;
import io.streamq.core.testing.SubscribedTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** A test of the DLQ scripts through {@link DlqStore}, from an empty store, reading the DLQ events they publish. */
abstract class DlqScriptTest extends SubscribedTest {

    @Inject
    DlqStore store;

    @Inject
    RedisDataSource redis;

    @Override
    protected String channel() {
        return Channels.DLQ_EVENTS;
    }

    @BeforeEach
    void empty() {
        redis.flushall();
    }
}
