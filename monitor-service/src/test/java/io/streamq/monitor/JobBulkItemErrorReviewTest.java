package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;
import jakarta.inject.Inject;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review reproduction (issue 12): one job of a bulk whose script fails in Redis (here its hash key holds another
 * type) fails the whole bulk with a 500, although the other jobs of the bulk were removed all the same, and no
 * owner-action event or per-id answer tells the owner which. Failed before the fix (review of issue 12).
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class JobBulkItemErrorReviewTest {

    static final QueueName Q = QueueName.AI;

    @Inject
    Drive drive;

    @Test
    void oneJobsRedisErrorIsAnsweredForThatIdWhileTheOthersAreReported() {
        String token = TestTokens.owner("review-" + System.nanoTime());
        List<String> ids = drive.enqueue(JobType.AI_GENERATE_TEXT, 2, JobAdminTest.PAYLOAD.formatted("review"));
        String broken = Q.wireName() + "-" + (900_000_000 + System.nanoTime() % 1_000_000);
        TestRedis.command("SET", QueueKeys.of(Q).job(broken), "not a hash");

        Response response = Api.post(token, "/owner/queues/ai/jobs/bulk-remove",
                "{\"ids\":[\"%s\",\"%s\",\"%s\"]}".formatted(ids.get(0), broken, ids.get(1)));

        boolean firstRemoved = TestRedis.command("EXISTS", QueueKeys.of(Q).job(ids.get(0))).equals("0");
        boolean lastRemoved = TestRedis.command("EXISTS", QueueKeys.of(Q).job(ids.get(1))).equals("0");
        assertThat(response.statusCode()).as("bulk-remove of 3 ids, 1 failing in Redis; first removed: "
                + firstRemoved + ", last removed: " + lastRemoved + "; answer: " + response.asString())
                .isEqualTo(200);
        assertThat(response.jsonPath().getList("results.success", Boolean.class))
                .containsExactly(firstRemoved, false, lastRemoved);
    }
}
