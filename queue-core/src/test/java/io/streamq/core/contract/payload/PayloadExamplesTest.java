package io.streamq.core.contract.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/** Runs the shared examples in {@code payload-examples.json}, which HTTP tests reuse, through the codec. */
class PayloadExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ValidatorFactory validators;
    private static PayloadCodec codec;
    private static JsonNode examples;

    @BeforeAll
    static void setUp() throws IOException {
        validators = Validation.buildDefaultValidatorFactory();
        codec = new PayloadCodec(JSON, validators.getValidator());
        try (InputStream in = PayloadExamplesTest.class.getResourceAsStream("/payload-examples.json")) {
            examples = JSON.readTree(in);
        }
    }

    @AfterAll
    static void tearDown() {
        validators.close();
    }

    @Test
    void examplesCoverEveryJobType() {
        Set<String> names = new HashSet<>();
        examples.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(JobType.values()).map(JobType::wireName).toList());
        examples.forEach(example -> assertThat(example.has("valid") && example.has("invalid")
                && example.path("invalidField").asText().startsWith("payload.")).isTrue());
    }

    @TestFactory
    Stream<DynamicTest> validExampleDecodesAndSurvivesARoundTrip() {
        return Arrays.stream(JobType.values()).map(type -> dynamicTest(type.wireName(), () -> {
            JobPayload decoded = codec.decode(type, examples.get(type.wireName()).get("valid"));

            assertThat(decoded).isInstanceOf(type.payloadClass());
            JobPayload again = codec.decode(type, JSON.readTree(codec.encode(decoded)));
            assertThat(again).isEqualTo(decoded);
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidExampleIsRejectedNamingTheField() {
        return Arrays.stream(JobType.values()).map(type -> dynamicTest(type.wireName(), () -> {
            JsonNode example = examples.get(type.wireName());

            InvalidPayloadException e = catchThrowableOfType(InvalidPayloadException.class,
                    () -> codec.decode(type, example.get("invalid")));

            assertThat(e).as("invalid example of %s must be rejected", type).isNotNull();
            assertThat(e.errors()).extracting(FieldError::field).contains(example.get("invalidField").asText());
        }));
    }
}
