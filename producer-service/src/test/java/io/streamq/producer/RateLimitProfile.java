package io.streamq.producer;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Limits low enough to exceed in a test. The per-user enqueue and per-IP read limits come from the benchmark's
 * override variable, so the test also proves it is wired; windows are long so no slot frees up mid-test. The
 * failed-authentication budget is as small.
 */
public class RateLimitProfile implements QuarkusTestProfile {

    static final int LIMIT = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "STREAMQ_PRODUCER_RATE_LIMIT_OVERRIDE", Integer.toString(LIMIT),
                "streamq.security.rate-limit.enqueue.per-ip", "1000",
                "streamq.security.rate-limit.enqueue.window", "60s",
                "streamq.security.rate-limit.reads.per-user", "0",
                "streamq.security.rate-limit.reads.window", "60s",
                "streamq.security.auth-failures.per-ip", Integer.toString(LIMIT),
                // The test client is the "proxy", so X-Forwarded-For can play two client IPs.
                "streamq.security.trusted-proxies", "127.0.0.1/32,::1/128");
    }
}
