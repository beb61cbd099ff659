package io.streamq.monitor.platform;

/** One check of a service's readiness answer, e.g. the Redis connection. */
public record ReadinessCheck(String name, String status) {
}
