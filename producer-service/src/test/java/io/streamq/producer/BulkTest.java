package io.streamq.producer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.QueueName;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.streamq.producer.Api.JSON;
import static io.streamq.producer.Api.assertNamesField;
import static io.streamq.producer.Api.assertProblem;
import static io.streamq.producer.Api.job;
import static io.streamq.producer.Api.sampleJob;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class BulkTest {

    private final String token = TestTokens.producerOf(Api.newTenant());

    @Test
    void validItemsAreEnqueuedAndInvalidOnesReported() {
        ArrayNode jobs = JSON.createArrayNode();
        jobs.add(sampleJob());
        jobs.add(job("email.send-transactional", PayloadExamples.invalid("email.send-transactional")));
        jobs.add(job("system.cleanup", PayloadExamples.valid("system.cleanup")));
        jobs.add(job("dlq.replay", PayloadExamples.valid("dlq.replay")));
        jobs.add("not an object");
        jobs.add(sampleJob().put("surprise", 1));
        long aiBefore = TestRedis.streamLength(QueueName.AI);
        long systemBefore = TestRedis.streamLength(QueueName.SYSTEM);
        long emailBefore = TestRedis.streamLength(QueueName.EMAIL);

        Response r = Api.postBulk(token, envelope(jobs));

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        assertThat(r.jsonPath().getInt("accepted")).isEqualTo(2);
        assertThat(r.jsonPath().getInt("duplicates")).isZero();
        assertThat(r.jsonPath().getInt("rejected")).isEqualTo(4);
        assertThat(r.jsonPath().getList("results.index", Integer.class)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(r.jsonPath().getList("results.status", String.class))
                .containsExactly("accepted", "rejected", "accepted", "rejected", "rejected", "rejected");
        assertThat(r.jsonPath().getString("results[0].queue")).isEqualTo("ai");
        assertThat(r.jsonPath().getString("results[2].queue")).isEqualTo("system");
        assertThat(r.jsonPath().getString("results[0].state")).isEqualTo("waiting");
        assertThat(r.jsonPath().getString("results[1].id")).isNull();
        assertThat(r.jsonPath().getList("results[1].errors.field", String.class))
                .containsExactly("jobs[1]." + PayloadExamples.invalidField("email.send-transactional"));
        assertThat(r.jsonPath().getList("results[3].errors.field", String.class)).containsExactly("jobs[3].name");
        assertThat(r.jsonPath().getList("results[4].errors.field", String.class)).containsExactly("jobs[4]");
        assertThat(r.jsonPath().getList("results[5].errors.field", String.class)).containsExactly("jobs[5].surprise");

        assertThat(TestRedis.streamLength(QueueName.AI)).isEqualTo(aiBefore + 1);
        assertThat(TestRedis.streamLength(QueueName.SYSTEM)).isEqualTo(systemBefore + 1);
        assertThat(TestRedis.streamLength(QueueName.EMAIL)).isEqualTo(emailBefore);
        for (int accepted : new int[]{0, 2}) {
            String id = r.jsonPath().getString("results[" + accepted + "].id");
            Response read = Api.get(token, "/v1/jobs/" + id);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.jsonPath().getString("state")).isEqualTo("waiting");
        }
    }

    @Test
    void oneThousandJobsAreAccepted() {
        ArrayNode jobs = JSON.createArrayNode();
        for (int i = 0; i < 1000; i++) {
            jobs.add(job("system.cleanup", PayloadExamples.valid("system.cleanup")));
        }
        long before = TestRedis.streamLength(QueueName.SYSTEM);

        Response r = Api.postBulk(token, envelope(jobs));

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        assertThat(r.jsonPath().getInt("accepted")).isEqualTo(1000);
        assertThat(TestRedis.streamLength(QueueName.SYSTEM)).isEqualTo(before + 1000);
    }

    @Test
    void moreThanOneThousandJobsAreRefusedWhole() {
        ArrayNode jobs = JSON.createArrayNode();
        for (int i = 0; i < 1001; i++) {
            jobs.add(sampleJob());
        }
        long dbBefore = TestRedis.dbSize();

        assertNamesField(Api.postBulk(token, envelope(jobs)), "jobs");
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);
    }

    @Test
    void envelopeMustBeRight() {
        long dbBefore = TestRedis.dbSize();
        assertNamesField(Api.postBulk(token, "{\"jobs\":[]}"), "jobs");
        assertNamesField(Api.postBulk(token, "{}"), "jobs");
        assertNamesField(Api.postBulk(token, "{\"jobs\":{}}"), "jobs");
        assertNamesField(Api.postBulk(token, "{\"jobs\":[" + sampleJob() + "],\"atomic\":true}"), "atomic");
        assertProblem(Api.postBulk(token, "{\"jobs\":["), 400);
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);
    }

    @Test
    void noValidItemIsA400WithEveryItemsErrors() {
        ArrayNode jobs = JSON.createArrayNode();
        jobs.add(job("nope", PayloadExamples.valid(Api.SAMPLE_TYPE)));
        jobs.add(job(Api.SAMPLE_TYPE, PayloadExamples.invalid(Api.SAMPLE_TYPE)));
        long dbBefore = TestRedis.dbSize();

        Response r = Api.postBulk(token, envelope(jobs));

        assertProblem(r, 400);
        assertThat(r.jsonPath().getList("errors.field", String.class))
                .containsExactly("jobs[0].name", "jobs[1]." + PayloadExamples.invalidField(Api.SAMPLE_TYPE));
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);
    }

    @Test
    void replayedItemsAreDuplicates() {
        ObjectNode keyed = sampleJob().put("idempotencyKey", "bulk-" + UUID.randomUUID());
        ArrayNode jobs = JSON.createArrayNode().add(keyed).add(keyed.deepCopy());

        Response first = Api.postBulk(token, envelope(jobs));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.jsonPath().getList("results.status", String.class)).containsExactly("accepted", "duplicate");
        assertThat(first.jsonPath().getString("results[1].id")).isEqualTo(first.jsonPath().getString("results[0].id"));

        Response again = Api.postBulk(token, envelope(JSON.createArrayNode().add(keyed)));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getInt("accepted")).isZero();
        assertThat(again.jsonPath().getInt("duplicates")).isEqualTo(1);
        assertThat(again.jsonPath().getString("results[0].id")).isEqualTo(first.jsonPath().getString("results[0].id"));
    }

    private static String envelope(ArrayNode jobs) {
        return JSON.createObjectNode().set("jobs", jobs).toString();
    }
}
