package io.streamq.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.PayloadCodec;
import io.streamq.core.job.JobView;
import io.streamq.core.store.AnalyticsStore;
import io.streamq.core.store.IntegrationStore;
import io.streamq.testing.RedisTestResource;
import io.streamq.worker.analytics.AnalyticsGenerateReportHandler;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(PeersTestResource.class)
class AnalyticsAndEmailHandlersTest {

    @Inject
    Jobs jobs;

    @Inject
    AnalyticsStore analytics;

    @Inject
    IntegrationStore integrations;

    @Inject
    IntegrationsConfig config;

    @Inject
    AnalyticsGenerateReportHandler reportHandler;

    @Inject
    PayloadCodec codec;

    @Inject
    ObjectMapper mapper;

    private String track(String event, String occurredAt, String properties) {
        return jobs.enqueue(JobType.ANALYTICS_TRACK_EVENT, "{\"event\":\"%s\",\"occurredAt\":\"%s\",\"properties\":%s}"
                .formatted(event, occurredAt, properties));
    }

    @Test
    void eventsAreCountedAggregatedAndReported() throws Exception {
        String day = "2024-03-05";
        for (String id : List.of(track("signup", day + "T10:00:00Z", "{\"plan\":\"pro\"}"),
                track("signup", day + "T11:00:00Z", "{\"plan\":\"free\"}"),
                track("signup", day + "T12:00:00Z", "{\"plan\":\"pro\",\"nested\":{\"x\":1}}"),
                track("login", day + "T12:30:00Z", "{}"))) {
            jobs.await(id, "completed");
        }

        JsonNode summary = jobs.result(jobs.await(jobs.enqueue(JobType.ANALYTICS_AGGREGATE_DAILY,
                "{\"date\":\"" + day + "\"}"), "completed"));
        assertThat(summary.path("totalEvents").asLong()).isEqualTo(4);
        assertThat(summary.path("distinctEvents").asInt()).isEqualTo(2);
        assertThat(summary.path("truncated").asBoolean()).isFalse();
        JsonNode signup = summary.path("events").get(0);
        assertThat(signup.path("event").asText()).isEqualTo("signup");
        assertThat(signup.path("count").asLong()).isEqualTo(3);
        assertThat(signup.path("omittedProperties").asInt()).isZero();
        JsonNode top = signup.path("topProperties").get(0);
        assertThat(top.path("property").asText() + "=" + top.path("value").asText() + ":" + top.path("count").asLong())
                .isEqualTo("plan=pro:2");

        String csvReport = "{\"reportId\":\"r-csv\",\"from\":\"2024-03-04\",\"to\":\"" + day
                + "\",\"format\":\"csv\"}";
        String csvId = jobs.enqueue(JobType.ANALYTICS_GENERATE_REPORT, csvReport);
        JobView csvJob = jobs.await(csvId, "completed");
        JsonNode csv = jobs.result(csvJob);
        assertThat(jobs.progress(csvJob).toString())
                .isEqualTo("{\"percent\":100,\"data\":{\"daysRead\":2,\"days\":2,\"stored\":true}}");
        assertThat(jobs.logLines(csvId)).contains("Read 2 days: 4 events, 4 rows");
        assertThat(csv.path("content").asText()).isEqualTo("""
                date,event,property,value,count
                2024-03-05,login,,,1
                2024-03-05,signup,,,3
                2024-03-05,signup,plan,free,1
                2024-03-05,signup,plan,pro,2
                """);
        assertThat(csv.path("days").asInt()).isEqualTo(2);
        assertThat(analytics.report("r-csv").await().indefinitely()).contains(csv.path("content").asText());

        JsonNode json = jobs.result(jobs.await(jobs.enqueue(JobType.ANALYTICS_GENERATE_REPORT,
                "{\"reportId\":\"r-json\",\"from\":\"" + day + "\",\"to\":\"" + day + "\",\"format\":\"json\"}"),
                "completed"));
        assertThat(json.path("content").asText()).isEqualTo("{\"reportId\":\"r-json\",\"from\":\"" + day
                + "\",\"to\":\"" + day + "\",\"totalEvents\":4,\"days\":[{\"date\":\"" + day + "\",\"totalEvents\":4,"
                + "\"events\":{\"login\":{\"count\":1,\"properties\":{}},"
                + "\"signup\":{\"count\":3,\"properties\":{\"plan\":{\"free\":1,\"pro\":2}}}}}]}");

        // Called directly, to see every step: each day read, then the report stored.
        RecordingReporter steps = new RecordingReporter();
        reportHandler.handle(DirectContexts.of(codec, mapper, JobType.ANALYTICS_GENERATE_REPORT,
                "analytics-report-steps", csvReport, 1, DirectContexts.notCancelled(), steps));
        assertThat(steps.percents()).containsExactly(0, 33, 66, 100);
        // Cancelled once the first day is read: it stops before the second.
        RecordingReporter cancelled = new RecordingReporter();
        AtomicInteger looks = new AtomicInteger();
        assertThatThrownBy(() -> reportHandler.handle(DirectContexts.of(codec, mapper,
                JobType.ANALYTICS_GENERATE_REPORT, "analytics-report-cancelled", csvReport, 1,
                DirectContexts.cancellation(() -> looks.incrementAndGet() > 1), cancelled)))
                .isInstanceOf(CancellationException.class);
        assertThat(cancelled.percents()).containsExactly(0, 33);
    }

    @Test
    void propertyBreakdownIsBounded() throws Exception {
        // max-property-fields-per-day is 20 in the test profile, ~other included; this event brings 30 properties.
        String props = IntStream.range(0, 30).mapToObj(i -> "\"p" + i + "\":" + i)
                .collect(Collectors.joining(",", "{", "}"));
        JsonNode result = jobs.result(jobs.await(track("wide", "2024-02-01T00:00:00Z", props), "completed"));

        assertThat(result.path("propertiesRecorded").asInt()).isEqualTo(19);
        assertThat(result.path("propertiesFolded").asInt()).isEqualTo(11);
        // Another event's new properties on the full day add no field either.
        JsonNode other = jobs.result(jobs.await(track("narrow", "2024-02-01T01:00:00Z", "{\"q\":1}"),
                "completed"));
        assertThat(other.path("propertiesFolded").asInt()).isEqualTo(1);
        assertThat(analytics.dayProperties(java.time.LocalDate.parse("2024-02-01"), config.analytics().fieldsPerCall())
                .await().indefinitely()).hasSize(20).containsEntry("~other", "12");

        // Reports show the breakdown's ~other after the day's events.
        String range = "{\"from\":\"2024-02-01\",\"to\":\"2024-02-01\",";
        JsonNode csv = jobs.result(jobs.await(jobs.enqueue(JobType.ANALYTICS_GENERATE_REPORT,
                range + "\"reportId\":\"r-other-csv\",\"format\":\"csv\"}"), "completed"));
        assertThat(csv.path("content").asText()).endsWith("2024-02-01,wide,p9,9,1\n2024-02-01,,~other,,12\n");
        assertThat(csv.path("rows").asInt()).isEqualTo(2 + 19 + 1);
        JsonNode json = jobs.result(jobs.await(jobs.enqueue(JobType.ANALYTICS_GENERATE_REPORT,
                range + "\"reportId\":\"r-other-json\",\"format\":\"json\"}"), "completed"));
        JsonNode reported = new ObjectMapper().readTree(json.path("content").asText()).path("days").get(0);
        assertThat(reported.path("otherProperties").asLong()).isEqualTo(12);
        assertThat(reported.path("events").path("narrow").path("properties").size()).isZero();
    }

    @Test
    void transactionalMailIsRenderedAndDelivered() throws Exception {
        GreenMail smtp = Peers.smtp();
        JobView job = jobs.await(jobs.enqueue(JobType.EMAIL_SEND_TRANSACTIONAL,
                "{\"to\":\"ada@example.test\",\"template\":\"welcome\",\"variables\":{\"name\":\"Ada\"}}"), "completed");

        assertThat(jobs.result(job).path("subject").asText()).isEqualTo("Welcome to streamq, Ada");
        MimeMessage mail = receivedBy(smtp, "ada@example.test").getFirst();
        assertThat(mail.getSubject()).isEqualTo("Welcome to streamq, Ada");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("streamq@example.test");
        assertThat(GreenMailUtil.getBody(mail)).contains("Welcome, Ada!");
        assertThat(mail.getHeader("X-Streamq-Job-Id")[0]).isEqualTo(job.id());
        List<String> lines = jobs.logLines(job.id());
        assertThat(lines).first().isEqualTo("Rendered template welcome");
        assertThat(lines.get(1)).matches("SMTP 127\\.0\\.0\\.1:" + smtp.getSmtp().getPort()
                + " accepted the mail in \\d+ ms");
        assertThat(String.join("\n", lines)).doesNotContain("Welcome, Ada");
    }

    @Test
    void unknownTemplateFailsWithoutRetry() {
        Peers.smtp();
        JobView job = jobs.await(jobs.enqueue(JobType.EMAIL_SEND_TRANSACTIONAL,
                "{\"to\":\"bob@example.test\",\"template\":\"no-such-template\"}"), "failed");

        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.lastError().code()).isEqualTo("invalid-template");
    }

    @Test
    void bulkSendsInChunksAndSkipsRecipientsReachedByAnEarlierAttempt() throws Exception {
        GreenMail smtp = Peers.smtp();
        List<String> recipients = IntStream.range(0, 7).mapToObj(i -> "fan" + i + "@bulk.test").toList();
        String payload = "{\"campaignId\":\"spring\",\"template\":\"newsletter\",\"recipients\":[%s]}"
                .formatted(recipients.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",")));
        String id = jobs.enqueue(JobType.EMAIL_SEND_BULK, payload, 1500);
        // As if an earlier attempt had reached the first two before its worker died.
        integrations.recordBulkRecipients("spring", id, Map.of(recipients.get(0), "sent", recipients.get(1), "sent"),
                Duration.ofMinutes(5)).await().indefinitely();

        JobView job = jobs.await(id, "completed");
        JsonNode result = jobs.result(job);

        assertThat(jobs.progress(job).toString())
                .isEqualTo("{\"percent\":100,\"data\":{\"sent\":7,\"failed\":0,\"of\":7}}");
        assertThat(result.path("sent").asInt()).isEqualTo(7);
        assertThat(result.path("sentThisAttempt").asInt()).isEqualTo(5);
        assertThat(result.path("sentEarlier").asInt()).isEqualTo(2);
        assertThat(receivedBy(smtp, recipients.get(6))).hasSize(1);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipientOf(m).endsWith("@bulk.test"))
                .count()).isEqualTo(5);
        assertThat(receivedBy(smtp, recipients.get(0))).isEmpty();
        assertThat(integrations.bulkRecipients("spring", id).await().indefinitely()).hasSize(7)
                .allSatisfy((r, state) -> assertThat(state).isEqualTo("sent"));
    }

    @Test
    void digestListsTheUsersRecentEvents() throws Exception {
        GreenMail smtp = Peers.smtp();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String old = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS).toString();
        for (String id : List.of(
                track("report.viewed", now, "{\"userId\":\"u-42\",\"email\":\"grace@example.test\"}"),
                track("report.viewed", now, "{\"userId\":\"u-42\"}"),
                track("export.done", old, "{\"userId\":\"u-42\"}"))) {
            jobs.await(id, "completed");
        }

        JobView daily = jobs.await(jobs.enqueue(JobType.EMAIL_SEND_DIGEST,
                "{\"userId\":\"u-42\",\"period\":\"daily\"}"), "completed");

        assertThat(jobs.result(daily).path("events").asLong()).isEqualTo(2);
        MimeMessage mail = receivedBy(smtp, "grace@example.test").getLast();
        assertThat(mail.getSubject()).isEqualTo("Your daily streamq digest: 2 events");
        assertThat(GreenMailUtil.getBody(mail)).contains("report.viewed").doesNotContain("export.done");

        JobView unknown = jobs.await(jobs.enqueue(JobType.EMAIL_SEND_DIGEST,
                "{\"userId\":\"u-nobody\",\"period\":\"weekly\"}"), "failed");
        assertThat(unknown.lastError().code()).isEqualTo("recipient-unknown");
    }

    private static List<MimeMessage> receivedBy(GreenMail smtp, String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipientOf(m).equals(address)).toList();
    }

    private static String recipientOf(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
