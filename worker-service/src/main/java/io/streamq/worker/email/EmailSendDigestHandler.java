package io.streamq.worker.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateData;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.DigestPeriod;
import io.streamq.core.contract.payload.EmailSendDigest;
import io.streamq.core.store.AnalyticsStore;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import io.streamq.worker.integration.Failures;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * email.send-digest: the user's activity of the last day or week, from the recent-events list analytics.track-event
 * keeps for events with {@code properties.userId}, rendered with the {@code digest} template and sent to the address
 * analytics recorded from {@code properties.email}. No known address: {@code recipient-unknown}, not retryable.
 */
@ApplicationScoped
public class EmailSendDigestHandler implements JobHandler {

    static final String TEMPLATE = "digest";

    @TemplateData
    public record EventCount(String event, long count) {
    }

    @TemplateData
    public record RecentEvent(String event, String occurredAt) {
    }

    public record Result(String userId, DigestPeriod period, String to, long events, int listed, String subject) {
    }

    private final EmailSender sender;
    private final AnalyticsStore analytics;
    private final ObjectMapper mapper;
    private final IntegrationsConfig config;

    public EmailSendDigestHandler(EmailSender sender, AnalyticsStore analytics, ObjectMapper mapper,
                                  IntegrationsConfig config) {
        this.sender = sender;
        this.analytics = analytics;
        this.mapper = mapper;
        this.config = config;
    }

    @Override
    public JobType type() {
        return JobType.EMAIL_SEND_DIGEST;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        sender.requireConfigured();
        EmailSendDigest job = context.payload(EmailSendDigest.class);
        AnalyticsStore.UserActivity activity = analytics.userActivity(job.userId(),
                config.analytics().userRecentMax()).await().atMost(context.timeout());
        String to = activity.email().orElseThrow(() -> Failures.rejected(Failures.RECIPIENT_UNKNOWN,
                "No email address is known for the user (track an event with properties.userId and .email)"));
        Instant since = Instant.now().minus(job.period() == DigestPeriod.DAILY ? Duration.ofDays(1) : Duration.ofDays(7));
        Map<String, Long> counts = new TreeMap<>();
        List<RecentEvent> recent = new ArrayList<>();
        long total = 0;
        for (String json : activity.recentEventsJson()) {
            JsonNode event;
            Instant at;
            try {
                event = mapper.readTree(json);
                at = Instant.parse(event.path("occurredAt").asText());
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (at.isBefore(since)) {
                continue;
            }
            String name = event.path("event").asText();
            counts.merge(name, 1L, Long::sum);
            total++;
            if (recent.size() < config.email().digestMaxEvents()) {
                recent.add(new RecentEvent(name, at.toString()));
            }
        }
        Map<String, Object> data = new HashMap<>();
        data.put("userId", job.userId());
        data.put("period", job.period() == DigestPeriod.DAILY ? "daily" : "weekly");
        data.put("since", since.toString());
        data.put("total", total);
        data.put("counts", counts.entrySet().stream().map(e -> new EventCount(e.getKey(), e.getValue())).toList());
        data.put("recent", recent);
        context.log("Digest of user %s: %d events since %s, %d listed", job.userId(), total, since, recent.size());
        EmailSender.Rendered message = sender.render(TEMPLATE, data);
        sender.send(sender.mail(to, message, context.job().jobId()), context);
        return new Result(job.userId(), job.period(), to, total, recent.size(), message.subject());
    }
}
