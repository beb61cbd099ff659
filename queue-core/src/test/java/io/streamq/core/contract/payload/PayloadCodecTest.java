package io.streamq.core.contract.payload;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamq.core.contract.JobType;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.hibernate.validator.HibernateValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.streamq.core.contract.JobType.AI_GENERATE_TEXT;
import static io.streamq.core.contract.JobType.ANALYTICS_AGGREGATE_DAILY;
import static io.streamq.core.contract.JobType.ANALYTICS_GENERATE_REPORT;
import static io.streamq.core.contract.JobType.ANALYTICS_TRACK_EVENT;
import static io.streamq.core.contract.JobType.DLQ_REPLAY;
import static io.streamq.core.contract.JobType.EMAIL_SEND_BULK;
import static io.streamq.core.contract.JobType.EMAIL_SEND_DIGEST;
import static io.streamq.core.contract.JobType.SYSTEM_CLEANUP;
import static io.streamq.core.contract.JobType.SYSTEM_HEALTH_CHECK;
import static io.streamq.core.contract.JobType.WORKFLOW_START_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PayloadCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ValidatorFactory validators;
    private static PayloadCodec codec;

    @BeforeAll
    static void setUp() {
        // Pinned so the asserted messages do not depend on the build machine's language.
        validators = Validation.byProvider(HibernateValidator.class).configure()
                .defaultLocale(Locale.ENGLISH)
                .buildValidatorFactory();
        codec = new PayloadCodec(JSON, validators.getValidator());
    }

    @AfterAll
    static void tearDown() {
        validators.close();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static List<FieldError> errors(JobType type, JsonNode payload) {
        InvalidPayloadException e = catchThrowableOfType(InvalidPayloadException.class, () -> codec.decode(type, payload));
        assertThat(e).as("payload must be rejected: %s", payload).isNotNull();
        return e.errors();
    }

    private static List<FieldError> errors(JobType type, String payload) {
        return errors(type, json(payload));
    }

    @Test
    void decodesTypedValues() {
        JobPayload decoded = codec.decode(AI_GENERATE_TEXT,
                json("{'prompt':'hi','model':'m-1','maxTokens':12,'temperature':1}"));

        assertThat(decoded).isEqualTo(new AiGenerateText("hi", "m-1", 12, 1.0));
    }

    @Test
    void rejectsMissingOrNonObjectPayload() {
        assertThat(errors(AI_GENERATE_TEXT, (JsonNode) null)).containsExactly(new FieldError("payload", "is required"));
        assertThat(errors(AI_GENERATE_TEXT, JsonNodeFactory.instance.nullNode()))
                .containsExactly(new FieldError("payload", "is required"));
        assertThat(errors(AI_GENERATE_TEXT, "['prompt']")).containsExactly(new FieldError("payload", "must be an object"));
        assertThat(errors(AI_GENERATE_TEXT, "'text'")).containsExactly(new FieldError("payload", "must be an object"));
    }

    @Test
    void rejectsUnknownField() {
        assertThat(errors(SYSTEM_HEALTH_CHECK, "{'probe':'p1','extra':true}"))
                .containsExactly(new FieldError("payload.extra", "is not a known field"));
    }

    @Test
    void rejectsStringForInt() {
        assertThat(errors(AI_GENERATE_TEXT, "{'prompt':'hi','model':'m','maxTokens':'12'}"))
                .containsExactly(new FieldError("payload.maxTokens", "must be an integer"));
    }

    @Test
    void rejectsFloatForInt() {
        assertThat(errors(AI_GENERATE_TEXT, "{'prompt':'hi','model':'m','maxTokens':12.0}"))
                .containsExactly(new FieldError("payload.maxTokens", "must be an integer"));
    }

    @Test
    void rejectsNumberForString() {
        assertThat(errors(AI_GENERATE_TEXT, "{'prompt':42,'model':'m','maxTokens':12}"))
                .containsExactly(new FieldError("payload.prompt", "must be a string"));
        assertThat(errors(AI_GENERATE_TEXT, "{'prompt':'hi','model':true,'maxTokens':12}"))
                .containsExactly(new FieldError("payload.model", "must be a string"));
    }

    @Test
    void rejectsStringForNumber() {
        assertThat(errors(AI_GENERATE_TEXT, "{'prompt':'hi','model':'m','maxTokens':1,'temperature':'0.5'}"))
                .containsExactly(new FieldError("payload.temperature", "must be a number"));
    }

    @Test
    void rejectsIntegerOutOfRangeOfItsType() {
        assertThat(errors(AI_GENERATE_TEXT, "{'prompt':'hi','model':'m','maxTokens':99999999999}"))
                .containsExactly(new FieldError("payload.maxTokens", "is out of range"));
    }

    @Test
    void rejectsNullForRequiredField() {
        assertThat(errors(AI_GENERATE_TEXT, "{'prompt':null,'model':'m','maxTokens':1}"))
                .containsExactly(new FieldError("payload.prompt", "must not be blank"));
        assertThat(errors(SYSTEM_CLEANUP, "{'olderThanHours':null}"))
                .containsExactly(new FieldError("payload.olderThanHours", "must not be null"));
        // aggregate-daily's date is optional (absent: the day before the job was enqueued), null included.
        assertThat(codec.decode(ANALYTICS_AGGREGATE_DAILY, json("{'date':null}")))
                .isEqualTo(new AnalyticsAggregateDaily(null));
    }

    @Test
    void rejectsNullOrMissingPrimitive() {
        ObjectNode replay = replay();
        replay.putNull("replayCount");
        assertThat(errors(DLQ_REPLAY, replay)).containsExactly(new FieldError("payload.replayCount", "must not be null"));

        replay.remove("replayCount");
        assertThat(errors(DLQ_REPLAY, replay)).containsExactly(new FieldError("payload.replayCount", "is required"));
    }

    @Test
    void rejectsBadDates() {
        for (String bad : List.of("'2024-02-30'", "'31/05/2024'", "'2024-05-31T00:00:00Z'", "''", "19874", "[2024,5,31]", "[]", "{}")) {
            assertThat(errors(ANALYTICS_AGGREGATE_DAILY, "{'date':" + bad + "}"))
                    .as(bad)
                    .containsExactly(new FieldError("payload.date", "must be an ISO-8601 date such as 2024-05-31"));
        }
        for (String bad : List.of("'yesterday'", "'2024-05-31'", "1717156800", "[2024,5,31]", "[]", "''")) {
            assertThat(errors(ANALYTICS_TRACK_EVENT, "{'event':'e','occurredAt':" + bad + "}"))
                    .as(bad)
                    .extracting(FieldError::field).containsExactly("payload.occurredAt");
        }
    }

    @Test
    void rejectsEnumValuesOtherThanTheLowercaseNames() {
        for (String bad : List.of("'WEEKLY'", "'Weekly'", "'monthly'", "0", "'0'", "''")) {
            assertThat(errors(EMAIL_SEND_DIGEST, "{'userId':'u1','period':" + bad + "}"))
                    .as(bad)
                    .containsExactly(new FieldError("payload.period", "must be one of: daily, weekly"));
        }
    }

    @Test
    void rejectsWrongContainerShapes() {
        assertThat(errors(EMAIL_SEND_BULK, "{'campaignId':'c','recipients':'a@example.com','template':'t'}"))
                .containsExactly(new FieldError("payload.recipients", "must be an array"));
        assertThat(errors(WORKFLOW_START_RUN, "{'workflowId':'w','input':'x'}"))
                .containsExactly(new FieldError("payload.input", "must be an object"));
        assertThat(errors(EMAIL_SEND_BULK, "{'campaignId':'c','recipients':['a@example.com',{'x':1}],'template':'t'}"))
                .containsExactly(new FieldError("payload.recipients[1]", "must be a string"));
    }

    @Test
    void rejectsBulkEmailWithMoreThanAThousandRecipients() {
        ObjectNode bulk = bulk(1001);

        assertThat(errors(EMAIL_SEND_BULK, bulk))
                .containsExactly(new FieldError("payload.recipients", "size must be between 1 and 1000"));
        bulk.withArray("recipients").remove(1000);
        assertThat(codec.decode(EMAIL_SEND_BULK, bulk)).isInstanceOf(EmailSendBulk.class);
    }

    @Test
    void namesTheIndexOfABadRecipient() {
        ObjectNode bulk = bulk(5);
        bulk.withArray("recipients").set(3, "not-an-email");

        assertThat(errors(EMAIL_SEND_BULK, bulk))
                .containsExactly(new FieldError("payload.recipients[3]", "must be a well-formed email address"));
    }

    @Test
    void namesTheKeyOfAnOverlongMapKey() {
        String key = "k".repeat(129);
        List<FieldError> errors = errors(WORKFLOW_START_RUN, "{'workflowId':'w','input':{'" + key + "':1}}");

        assertThat(errors).containsExactly(new FieldError("payload.input[" + key + "]", "size must be between 0 and 128"));
    }

    @Test
    void reportsAllViolationsSortedByField() {
        List<FieldError> errors = errors(AI_GENERATE_TEXT, "{'prompt':'','model':'bad model','maxTokens':0,'temperature':2.5}");

        assertThat(errors).extracting(FieldError::field)
                .containsExactly("payload.maxTokens", "payload.model", "payload.prompt", "payload.temperature");
    }

    @Test
    void reportsAReversedDateRangeOnTo() {
        List<FieldError> errors = errors(ANALYTICS_GENERATE_REPORT,
                "{'reportId':'r','from':'2024-05-02','to':'2024-05-01','format':'csv'}");

        assertThat(errors).containsExactly(new FieldError("payload.to", "must not be before from"));
        assertThat(codec.decode(ANALYTICS_GENERATE_REPORT,
                json("{'reportId':'r','from':'2024-05-01','to':'2024-05-01','format':'csv'}"))).isNotNull();
    }

    @Test
    void messagesDoNotLeakJavaInternals() {
        List<String> payloads = List.of("{'prompt':{},'model':'m','maxTokens':'x'}", "{'prompt':'p','model':'m','maxTokens':[1]}",
                "{'prompt':'p','model':'m','maxTokens':1,'temperature':{}}", "{'prompt':'p','model':'m','maxTokens':1,'x':1}");
        for (String payload : payloads) {
            assertThat(errors(AI_GENERATE_TEXT, payload)).extracting(FieldError::message)
                    .allSatisfy(message -> assertThat(message).doesNotContain("java", "`", "class", "Integer", "String"));
        }
    }

    @Test
    void healthCheckAcceptsAnEmptyObject() {
        assertThat(codec.decode(SYSTEM_HEALTH_CHECK, json("{}"))).isEqualTo(new SystemHealthCheck(null, null));
    }

    @Test
    void encodesCanonically() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("zeta", 1);
        input.put("alpha", null);
        String text = codec.encode(new WorkflowStartRun("w-1", input));

        assertThat(text).isEqualTo("{\"input\":{\"alpha\":null,\"zeta\":1},\"workflowId\":\"w-1\"}");
        assertThat(codec.encode(new AnalyticsGenerateReport("r", LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 31), ReportFormat.JSON)))
                .isEqualTo("{\"format\":\"json\",\"from\":\"2024-05-01\",\"reportId\":\"r\",\"to\":\"2024-05-31\"}");
        assertThat(codec.encode(new AnalyticsTrackEvent("e", null, Instant.parse("2024-05-31T12:00:00Z"))))
                .isEqualTo("{\"event\":\"e\",\"occurredAt\":\"2024-05-31T12:00:00Z\"}");
        assertThat(codec.encode(new SystemHealthCheck(null, null))).isEqualTo("{}");
    }

    @Test
    void leavesTheGivenMapperAsItWas() {
        ObjectMapper lenient = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        new PayloadCodec(lenient, validators.getValidator());

        assertThat(lenient.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
        assertThat(lenient.convertValue(Map.of("maxTokens", "12", "extra", 1), AiGenerateText.class).maxTokens()).isEqualTo(12);
    }

    @Test
    void keepsTheWireNamesWhateverTheApplicationMapperDoes() {
        ObjectMapper app = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        PayloadCodec appCodec = new PayloadCodec(app, validators.getValidator());

        JobPayload decoded = appCodec.decode(JobType.SYSTEM_CLEANUP, json("{'olderThanHours':5}"));
        assertThat(appCodec.encode(decoded)).isEqualTo("{\"olderThanHours\":5}");
        assertThat(appCodec.decode(ANALYTICS_AGGREGATE_DAILY, json("{'date':'2024-05-31'}")))
                .isEqualTo(new AnalyticsAggregateDaily(LocalDate.of(2024, 5, 31)));
    }

    private static ObjectNode bulk(int recipients) {
        ObjectNode bulk = JSON.createObjectNode().put("campaignId", "c-1").put("template", "newsletter");
        ArrayNode list = bulk.putArray("recipients");
        for (int i = 0; i < recipients; i++) {
            list.add("user" + i + "@example.com");
        }
        return bulk;
    }

    private static ObjectNode replay() {
        return JSON.createObjectNode().put("dlqJobId", "1-0").put("originalQueue", "ai")
                .put("originalJobName", "ai.generate-text").put("payload", "{}").put("replayCount", 1).put("actorId", "a");
    }
}
