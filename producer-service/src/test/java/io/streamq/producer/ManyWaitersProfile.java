package io.streamq.producer;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Rate limits off: one test user sends a thousand waiting reads and other requests at once. */
public class ManyWaitersProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("STREAMQ_PRODUCER_RATE_LIMIT_OVERRIDE", "0");
    }
}
