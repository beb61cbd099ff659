package io.streamq.monitor.platform;

/**
 * A service's readiness as seen from monitor-service: {@code UP}/{@code DOWN} as its {@code /q/health/ready} says,
 * {@code UNREACHABLE} when it did not answer within the probe timeout, {@code NOT_CONFIGURED} when monitor-service
 * was given no URL for it.
 */
public enum ServiceState {
    UP, DOWN, UNREACHABLE, NOT_CONFIGURED
}
