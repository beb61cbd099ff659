package io.streamq.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.contract.payload.FieldError;
import io.streamq.core.contract.payload.InvalidPayloadException;
import io.streamq.core.contract.payload.PayloadCodec;
import io.streamq.core.contract.payload.TestEcho;
import io.streamq.core.job.JobView;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code test.echo} is declared by its record (queue-core's tests) and run by its handler ({@link TestEchoHandler});
 * no other file names it. Validated the way the producer validates a request (type by name, payload through the
 * codec), enqueued, and run to completion by this service's own engine (docs/adding-a-job-type.md).
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class TestOnlyJobTypeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PayloadCodec codec;

    @Inject
    WorkerTestSupport support;

    @Test
    void aTypeDeclaredByItsRecordAndHandlerRunsEndToEnd() throws Exception {
        JobType type = JobType.fromWire("test.echo").filter(t -> !t.internal()).orElseThrow();
        assertThat(type).isSameAs(JobType.of(TestEcho.class));
        assertThat(type.queue()).isEqualTo(QueueName.SYSTEM);
        String payload = codec.encode(codec.decode(type, JSON.readTree("{\"text\":\"hello\"}")));

        String id = support.enqueue(type, payload);
        JobView done = support.awaitState(id, "completed", Duration.ofSeconds(10));

        assertThat(JSON.readTree(done.result())).isEqualTo(JSON.readTree("{\"echo\":\"hello\",\"attempt\":1}"));
    }

    @Test
    void itsRecordIsItsValidation() {
        JobType type = JobType.fromWire("test.echo").orElseThrow();

        InvalidPayloadException e = catchThrowableOfType(InvalidPayloadException.class,
                () -> codec.decode(type, JSON.readTree("{\"text\":\"\"}")));

        assertThat(e.errors()).extracting(FieldError::field).containsExactly("payload.text");
    }

    @Test
    void itIsNotAmongTheTypesTheCatalogueDeclares() {
        assertThat(JobType.values()).doesNotContain(JobType.of(TestEcho.class)).contains(JobType.SYSTEM_HEALTH_CHECK);
    }
}
