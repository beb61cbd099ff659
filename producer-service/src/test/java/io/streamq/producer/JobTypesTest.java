package io.streamq.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.PayloadCodec;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;

import static io.streamq.producer.Api.assertNamesField;
import static io.streamq.producer.Api.job;
import static io.streamq.producer.Api.tree;
import static org.assertj.core.api.Assertions.assertThat;

/** Every job type, through HTTP into Redis and back, with the shared payload examples. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class JobTypesTest {

    @Inject
    PayloadCodec codec;

    private final String token = TestTokens.producerOf(Api.newTenant());

    static Stream<JobType> clientTypes() {
        return Arrays.stream(JobType.values()).filter(t -> !t.internal());
    }

    static Stream<JobType> internalTypes() {
        return Arrays.stream(JobType.values()).filter(JobType::internal);
    }

    @ParameterizedTest
    @MethodSource("clientTypes")
    void validExampleIsEnqueuedAndReadable(JobType type) {
        long streamBefore = TestRedis.streamLength(type.queue());
        Instant before = Instant.now().minusSeconds(1);

        Response accepted = Api.post(token, job(type.wireName(), PayloadExamples.valid(type.wireName())).toString());

        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        String id = accepted.jsonPath().getString("id");
        assertThat(id).startsWith(type.queue().wireName() + "-");
        assertThat(accepted.header("Location")).isEqualTo("/v1/jobs/" + id);
        assertThat(accepted.jsonPath().getString("queue")).isEqualTo(type.queue().wireName());
        assertThat(accepted.jsonPath().getString("name")).isEqualTo(type.wireName());
        assertThat(accepted.jsonPath().getString("state")).isEqualTo("waiting");
        assertThat(Instant.parse(accepted.jsonPath().getString("createdAt"))).isAfter(before);

        assertThat(TestRedis.jobExists(type.queue(), id)).isTrue();
        assertThat(TestRedis.streamLength(type.queue())).isEqualTo(streamBefore + 1);

        Response read = Api.get(token, accepted.header("Location"));
        assertThat(read.statusCode()).as(read.asString()).isEqualTo(200);
        assertThat(read.jsonPath().getString("id")).isEqualTo(id);
        assertThat(read.jsonPath().getString("state")).isEqualTo("waiting");
        assertThat(read.jsonPath().getString("name")).isEqualTo(type.wireName());
        assertThat(read.jsonPath().getInt("attempts")).isZero();
        assertThat(read.jsonPath().getInt("maxAttempts")).isPositive();
        JsonNode expected = tree(codec.encode(codec.decode(type, PayloadExamples.valid(type.wireName()))));
        assertThat(tree(read.body().asString()).get("payload")).isEqualTo(expected);
        assertThat(tree(TestRedis.storedPayload(type.queue(), id))).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("clientTypes")
    void invalidExampleIsRejectedNamingItsField(JobType type) {
        long dbBefore = TestRedis.dbSize();

        Response rejected = Api.post(token, job(type.wireName(), PayloadExamples.invalid(type.wireName())).toString());

        assertNamesField(rejected, PayloadExamples.invalidField(type.wireName()));
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);
    }

    @ParameterizedTest
    @MethodSource("internalTypes")
    void internalTypesAreUnknownToClients(JobType type) {
        long dbBefore = TestRedis.dbSize();

        Response rejected = Api.post(token, job(type.wireName(), PayloadExamples.valid(type.wireName())).toString());

        assertNamesField(rejected, "name");
        assertThat(rejected.jsonPath().getString("errors[0].message")).isEqualTo("is not a known job type");
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);
    }
}
