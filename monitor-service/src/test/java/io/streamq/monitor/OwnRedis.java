package io.streamq.monitor;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A profile of its own, so Quarkus restarts with a fresh redis-server: for tests that need to know every job of a
 * queue, or load so many that they would slow the shared one down.
 */
public class OwnRedis implements QuarkusTestProfile {
}
