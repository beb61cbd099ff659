package io.streamq.worker.email;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.EmailSendTransactional;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/** email.send-transactional: renders the template with the job's variables and sends it to one recipient. */
@ApplicationScoped
public class EmailSendTransactionalHandler implements JobHandler {

    public record Result(String to, String template, String subject) {
    }

    private final EmailSender sender;

    public EmailSendTransactionalHandler(EmailSender sender) {
        this.sender = sender;
    }

    @Override
    public JobType type() {
        return JobType.EMAIL_SEND_TRANSACTIONAL;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        sender.requireConfigured();
        EmailSendTransactional job = context.payload(EmailSendTransactional.class);
        Map<String, Object> data = new HashMap<>(job.variables() == null ? Map.of() : job.variables());
        data.put("to", job.to());
        EmailSender.Rendered message = sender.render(job.template(), data);
        context.log("Rendered template %s", job.template());
        sender.send(sender.mail(job.to(), message, context.job().jobId()), context);
        return new Result(job.to(), job.template(), message.subject());
    }
}
