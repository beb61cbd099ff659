package io.streamq.bench;

import io.streamq.testing.ServiceApp;

/** A Redis (one server or a cluster) with the producer-service that writes to it. */
record Target(RedisNodes redis, ServiceApp producer, ProducerClient api) {
}
