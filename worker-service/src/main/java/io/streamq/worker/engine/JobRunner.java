package io.streamq.worker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.config.DlqRouting;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.InvalidPayloadException;
import io.streamq.core.contract.payload.JobPayload;
import io.streamq.core.contract.payload.PayloadCodec;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.JobError;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobFailure;
import io.streamq.worker.handler.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one attempt of a job on the calling thread: decodes its payload, calls its handler, classifies the end. The
 * handler's deadline is enforced by whoever cancels the {@link RunningJob}; a handler is only ever judged once it
 * has returned, so nothing of an attempt outlives its outcome.
 */
@ApplicationScoped
public class JobRunner {
    private static final int MAX_STACK_CHARS = 8000;

    private final HandlerRegistry handlers;
    private final PayloadCodec codec;
    private final ObjectMapper mapper;
    private final QueueCatalog catalog;

    public JobRunner(HandlerRegistry handlers, PayloadCodec codec, ObjectMapper mapper, QueueCatalog catalog) {
        this.handlers = handlers;
        this.codec = codec;
        this.mapper = mapper;
        this.catalog = catalog;
    }

    /** The handler timeout of a job: its type's, or its queue's for a type this build does not know. */
    Duration timeout(ClaimedJob job) {
        return JobType.fromWire(job.name()).map(catalog::timeout)
                .orElseGet(() -> catalog.settings(job.queue()).timeout());
    }

    Outcome run(RunningJob running, String workerId) {
        long start = System.nanoTime();
        ClaimedJob job = running.job();
        Optional<JobType> type = JobType.fromWire(job.name());
        Optional<JobHandler> handler = type.flatMap(handlers::forType);
        if (handler.isEmpty()) {
            return new Outcome.Unhandled(0);
        }
        JobPayload payload;
        try {
            payload = codec.decode(type.get(), mapper.readTree(job.payload()));
        } catch (InvalidPayloadException e) {
            return failed(new JobError("invalid-payload", "InvalidPayload", e.getMessage(), null), false, start);
        } catch (Exception e) {
            return failed(error("invalid-payload", e), false, start);
        }
        CancelReason early = running.cancelReason();
        if (early == CancelReason.SHUTDOWN || early == CancelReason.TAKEN_OVER) {
            return new Outcome.Interrupted(early, 0);
        }
        Duration timeout = timeout(job);
        JobContext context = new JobContext(job, payload, timeout, workerId, running);
        Object result = null;
        Throwable failure = null;
        if (!running.handlerStarts()) {
            return new Outcome.Interrupted(CancelReason.SHUTDOWN, 0);
        }
        try {
            result = handler.get().handle(context);
        } catch (Throwable t) {
            failure = t;
        } finally {
            running.handlerEnds();
        }
        if (failure == null) {
            try {
                return new Outcome.Succeeded(result == null ? "" : mapper.writeValueAsString(result), elapsedMs(start));
            } catch (Exception e) {
                return failed(error("result-not-serializable", e), false, start);
            }
        }
        CancelReason reason = running.cancelReason();
        if (reason == CancelReason.TIMEOUT || reason == null && System.nanoTime() - running.deadlineNanos() >= 0) {
            return failed(new JobError(DlqRouting.TIMEOUT, "Timeout",
                    "Handler did not finish within " + timeout.toMillis() + " ms", null), true, start);
        }
        if (reason != null) {
            return new Outcome.Interrupted(reason, elapsedMs(start));
        }
        if (failure instanceof JobFailure jobFailure) {
            return failed(error(jobFailure.code(), jobFailure), jobFailure.retryable(), start);
        }
        return failed(error("error", failure), true, start);
    }

    private static Outcome failed(JobError error, boolean retryable, long start) {
        return new Outcome.Failed(error, retryable, elapsedMs(start));
    }

    static JobError error(String code, Throwable t) {
        StringWriter stack = new StringWriter();
        t.printStackTrace(new PrintWriter(stack));
        String text = stack.toString();
        return new JobError(code, t.getClass().getSimpleName(), String.valueOf(t.getMessage()),
                text.length() > MAX_STACK_CHARS ? text.substring(0, MAX_STACK_CHARS) : text);
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
