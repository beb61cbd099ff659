package io.streamq.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Limits small enough to reach in a test: 5 messages at once then 1 per second, 2 connections per subject, 3 per IP. */
public class ClientLimitsProfile implements QuarkusTestProfile {

    static final int BURST = 5;
    static final int PER_SUBJECT = 2;
    static final int PER_IP = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "streamq.gateway.message-rate", "1",
                "streamq.gateway.message-burst", String.valueOf(BURST),
                "streamq.gateway.max-connections-per-subject", String.valueOf(PER_SUBJECT),
                "streamq.gateway.max-connections-per-ip", String.valueOf(PER_IP));
    }
}
