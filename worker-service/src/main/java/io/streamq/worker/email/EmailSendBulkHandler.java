package io.streamq.worker.email;

import io.quarkus.mailer.Mail;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.EmailSendBulk;
import io.streamq.core.store.IntegrationStore;
import io.streamq.worker.handler.InFlight;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobFailure;
import io.streamq.worker.handler.JobHandler;
import io.streamq.worker.integration.Failures;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * email.send-bulk: one campaign template to up to 1,000 recipients, sent in chunks ({@code bulk-chunk-size}
 * concurrently). After each chunk the outcome per recipient ({@code sent} or {@code failed:<code>}) is recorded in
 * Redis under the campaign and job, so a retry (or a recovery after a crash) sends only to recipients not yet
 * reached. An attempt that leaves some unsent fails retryable ({@code recipients-unsent}); the job fails for good
 * only when recipients remain unsent after its last attempt. A cancelled job (timeout, shutdown, a producer or owner)
 * stops between chunks, after recording the chunk in flight. Progress is the share of recipients reached so far,
 * earlier attempts included (so it reaches 100 only when every recipient got the mail), reported after each chunk.
 */
@ApplicationScoped
public class EmailSendBulkHandler implements JobHandler {

    public record Result(String campaignId, String template, int recipients, int sent, int sentThisAttempt,
                         int sentEarlier) {
    }

    /** The job's progress: recipients reached (all attempts), not reached by this attempt, and of how many. */
    public record Progress(int sent, int failed, int of) {
        int percent() {
            return of == 0 ? 100 : (int) (sent * 100L / of);
        }
    }

    private final EmailSender sender;
    private final IntegrationStore store;
    private final IntegrationsConfig.Email config;

    public EmailSendBulkHandler(EmailSender sender, IntegrationStore store, IntegrationsConfig config) {
        this.sender = sender;
        this.store = store;
        this.config = config.email();
    }

    @Override
    public JobType type() {
        return JobType.EMAIL_SEND_BULK;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        sender.requireConfigured();
        EmailSendBulk job = context.payload(EmailSendBulk.class);
        String jobId = context.job().jobId();
        List<String> recipients = new ArrayList<>(new LinkedHashSet<>(job.recipients()));
        Map<String, String> earlier = store.bulkRecipients(job.campaignId(), jobId).await().atMost(context.timeout());
        List<String> todo = recipients.stream().filter(r -> !"sent".equals(earlier.get(r))).toList();
        int sentEarlier = recipients.size() - todo.size();
        int sentNow = 0;
        Map<String, String> failures = new LinkedHashMap<>();
        context.log("Campaign %s, template %s: %d recipients, %d reached by an earlier attempt, %d to send in chunks "
                + "of %d", job.campaignId(), job.template(), recipients.size(), sentEarlier, todo.size(),
                config.bulkChunkSize());
        report(context, new Progress(sentEarlier, 0, recipients.size()));
        for (int from = 0; from < todo.size(); from += config.bulkChunkSize()) {
            if (context.cancelled()) {
                String reached = sentNow + " of " + todo.size() + " recipients reached when the job was cancelled; a "
                        + "retry sends only to the others";
                context.log(reached);
                throw new CancellationException(reached);
            }
            List<String> chunk = todo.subList(from, Math.min(todo.size(), from + config.bulkChunkSize()));
            List<Mail> mails = new ArrayList<>(chunk.size());
            for (String to : chunk) {
                Map<String, Object> data = Map.of("recipient", to, "campaignId", job.campaignId());
                mails.add(sender.mail(to, sender.render(job.template(), data), jobId));
            }
            // A chunk once sent is awaited and recorded even when the job is cancelled meanwhile: its mails are on
            // their way whatever this thread does, and only what is recorded is skipped by a retry.
            List<JobFailure> outcomes = sender.sendAll(mails, context);
            Map<String, String> record = new LinkedHashMap<>();
            for (int i = 0; i < chunk.size(); i++) {
                JobFailure failure = outcomes.get(i);
                if (failure == null) {
                    record.put(chunk.get(i), "sent");
                    sentNow++;
                } else {
                    record.put(chunk.get(i), "failed:" + failure.code());
                    failures.put(chunk.get(i), failure.code());
                }
            }
            InFlight.await(store.recordBulkRecipients(job.campaignId(), jobId, record, config.bulkTrackingTtl()),
                    context);
            report(context, new Progress(sentEarlier + sentNow, failures.size(), recipients.size()));
        }
        if (!failures.isEmpty()) {
            throw Failures.transientFailure(Failures.RECIPIENTS_UNSENT, failures.size() + " of " + recipients.size()
                    + " recipients not reached yet; a retry sends only to them", null);
        }
        return new Result(job.campaignId(), job.template(), recipients.size(), sentEarlier + sentNow, sentNow,
                sentEarlier);
    }

    private static void report(JobContext context, Progress progress) {
        context.progress(progress.percent(), progress);
    }
}
