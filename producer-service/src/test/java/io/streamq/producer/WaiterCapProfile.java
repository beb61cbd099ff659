package io.streamq.producer;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A replica that holds at most {@value #MAX_WAITERS} waiting reads. */
public class WaiterCapProfile implements QuarkusTestProfile {

    static final int MAX_WAITERS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("streamq.producer.wait.max-waiters", Integer.toString(MAX_WAITERS));
    }
}
