package io.streamq.dlq;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.streamq.core.contract.JobType;
import io.streamq.core.job.JobError;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review reproduction (issue 12): a job whose error message is long and regular (here 20,000 characters of
 * "1.1.1…", as an upstream error echoing a list of numbers would be; the message is not bounded anywhere) makes
 * {@code ErrorFingerprint} overflow the stack in the forwarder. The StackOverflowError ends the queue's
 * BackgroundLoop for good, nothing reads its death (the service stays ready), and every later dead job of that queue
 * stays on the dead stream; after a restart the same record is read first again. Failed before the fix (review of issue 12).
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ForwarderPoisonMessageReviewTest {

    @Inject
    DlqTestSupport support;

    @Test
    void aLongRegularErrorMessageDoesNotStopTheQueuesForwarding() {
        JobType type = JobType.SYSTEM_HEALTH_CHECK;
        String poisoned = support.enqueue(type, "{\"checks\":[\"redis\"],\"note\":\"poison\"}");
        support.failForGood(type, poisoned, DlqTestSupport.error("upstream-echo", "1" + ".1".repeat(10_000)));
        try {
            support.deadJob(type, "{\"checks\":[\"redis\"],\"note\":\"after-poison\"}",
                    DlqTestSupport.error("upstream-down", "Upstream refused"));
        } catch (ConditionTimeoutException e) {
            int ready = RestAssured.get("/q/health/ready").statusCode();
            throw new AssertionError("a dead job failed after the long-message one was not forwarded within 10 s "
                    + "(system dead stream still holds " + support.deadStreamLength(type.queue())
                    + " records); readiness answers " + ready, e);
        }
        assertThat(support.find(poisoned)).isPresent();
    }
}
