package io.streamq.worker.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.smallrye.mutiny.Uni;
import io.streamq.worker.handler.InFlight;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobFailure;
import io.streamq.worker.integration.CallLog;
import io.streamq.worker.integration.Failures;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders the service's Qute email templates ({@code templates/email/<name>.subject.txt}, {@code <name>.html},
 * optional {@code <name>.txt}) and sends them over SMTP with the Quarkus mailer. The SMTP server is configured with
 * {@code quarkus.mailer.host/port/from}; without an explicitly configured host and from address email jobs fail
 * with {@code integration-not-configured} (the mailer's built-in default host is not taken as configuration).
 */
@ApplicationScoped
public class EmailSender {

    static final String INTEGRATION = "SMTP";

    /** A rendered message. */
    public record Rendered(String subject, String html, String text) {
    }

    private final ReactiveMailer mailer;
    private final Engine qute;
    private final boolean configured;
    /** The SMTP server as the job's log names it: host and port, never the mailer's credentials. */
    private final String server;

    public EmailSender(ReactiveMailer mailer, Engine qute) {
        this.mailer = mailer;
        this.qute = qute;
        Config config = ConfigProvider.getConfig();
        this.configured = explicitlySet(config.getConfigValue("quarkus.mailer.host"))
                && explicitlySet(config.getConfigValue("quarkus.mailer.from"));
        this.server = config.getOptionalValue("quarkus.mailer.host", String.class).orElse("?")
                + config.getOptionalValue("quarkus.mailer.port", Integer.class).map(p -> ":" + p).orElse("");
    }

    /** Set by a real configuration source (properties, environment, system properties), not a built-in default. */
    static boolean explicitlySet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && value.getSourceOrdinal() > 0;
    }

    void requireConfigured() throws JobFailure {
        if (!configured) {
            throw Failures.notConfigured(INTEGRATION, "quarkus.mailer.host and quarkus.mailer.from");
        }
    }

    Rendered render(String template, Map<String, Object> data) throws JobFailure {
        Template subject = qute.getTemplate("email/" + template + ".subject.txt");
        Template html = qute.getTemplate("email/" + template + ".html");
        if (subject == null || html == null) {
            throw Failures.rejected(Failures.INVALID_TEMPLATE, "No email template named '" + template + "'");
        }
        Template text = qute.getTemplate("email/" + template + ".txt");
        try {
            return new Rendered(subject.data(data).render().strip(), html.data(data).render(),
                    text == null ? null : text.data(data).render());
        } catch (TemplateException e) {
            throw Failures.rejected(Failures.INVALID_TEMPLATE,
                    "Email template '" + template + "' cannot be rendered with the job's variables", e);
        }
    }

    Mail mail(String to, Rendered message, String jobId) {
        Mail mail = Mail.withHtml(to, message.subject(), message.html());
        if (message.text() != null) {
            mail.setText(message.text());
        }
        return mail.addHeader("X-Streamq-Job-Id", jobId);
    }

    /**
     * Sends and waits for the server's answer; an interrupt does not abandon a message already on its way. The job's
     * log gets the server's verdict (never the message).
     */
    void send(Mail mail, JobContext context) throws JobFailure {
        long start = System.nanoTime();
        try {
            InFlight.await(mailer.send(mail), context);
        } catch (RuntimeException e) {
            JobFailure failure = classify(e);
            context.log("%s %s did not take the mail (%s: %s) after %d ms", INTEGRATION, server, failure.code(),
                    failure.getMessage(), CallLog.msSince(start));
            throw failure;
        }
        context.log("%s %s accepted the mail in %d ms", INTEGRATION, server, CallLog.msSince(start));
    }

    /**
     * Sends all at once and waits for every answer, like {@link #send}: per mail, null when it was accepted, else
     * its classified failure. The job's log gets one line for all of them.
     */
    List<JobFailure> sendAll(List<Mail> mails, JobContext context) {
        long start = System.nanoTime();
        List<Uni<JobFailure>> sends = mails.stream().map(mail -> mailer.send(mail).onItemOrFailure()
                .transform((ok, failure) -> failure == null ? null : classify(failure))).toList();
        List<JobFailure> outcomes = InFlight.await(Uni.join().all(sends).andFailFast(), context);
        Map<String, Long> refused = outcomes.stream().filter(Objects::nonNull)
                .collect(Collectors.groupingBy(JobFailure::code, TreeMap::new, Collectors.counting()));
        long accepted = mails.size() - refused.values().stream().mapToLong(Long::longValue).sum();
        context.log("%s %s accepted %d of %d mails in %d ms%s", INTEGRATION, server, accepted, mails.size(),
                CallLog.msSince(start), refused.isEmpty() ? "" : "; not taken: " + refused);
        return outcomes;
    }

    static JobFailure classify(Throwable failure) {
        Throwable t = failure;
        while (t != null) {
            if (t instanceof SMTPException smtp) {
                boolean permanent = smtp.getReplyCode() >= 500;
                String message = INTEGRATION + " server answered " + smtp.getReplyCode();
                return permanent ? Failures.rejected(Failures.SMTP_FAILED, message, smtp)
                        : Failures.transientFailure(Failures.SMTP_FAILED, message, smtp);
            }
            if (t instanceof ConnectException c) {
                return Failures.forException(INTEGRATION, c);
            }
            if (t instanceof io.smallrye.mutiny.TimeoutException) {
                return Failures.transientFailure(Failures.TIMEOUT, INTEGRATION + " did not answer in time", t);
            }
            t = t.getCause();
        }
        return Failures.transientFailure(Failures.SMTP_FAILED,
                INTEGRATION + " send failed: " + failure.getClass().getSimpleName(), failure);
    }
}
