package io.streamq.core.config;

import java.time.Duration;

/** How many finished jobs of one kind a queue keeps, and for how long; enforced by the scripts. */
public record RemovalPolicy(int keepLast, Duration keepFor) {
    public static final int KEEP_ALL = -1;
}
