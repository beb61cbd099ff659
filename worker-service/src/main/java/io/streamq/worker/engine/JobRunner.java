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
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one attempt of a job: decodes its payload, calls its handler under the type's timeout, classifies the end. */
@ApplicationScoped
public class JobRunner {
    private static final int MAX_STACK_CHARS = 8000;

    private final HandlerRegistry handlers;
    private final PayloadCodec codec;
    private final ObjectMapper mapper;
    private final QueueCatalog catalog;
    private final WorkerIdentity identity;
    // Handlers block on I/O; virtual threads let thousands wait without a thread pool to size.
    private final ExecutorService handlerThreads = Executors.newVirtualThreadPerTaskExecutor();

    public JobRunner(HandlerRegistry handlers, PayloadCodec codec, ObjectMapper mapper, QueueCatalog catalog,
                     WorkerIdentity identity) {
        this.handlers = handlers;
        this.codec = codec;
        this.mapper = mapper;
        this.catalog = catalog;
        this.identity = identity;
    }

    Outcome run(ClaimedJob job) {
        long start = System.nanoTime();
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
        Duration timeout = catalog.timeout(type.get());
        JobContext context = new JobContext(job, payload, timeout, identity.id());
        Future<Object> attempt = handlerThreads.submit(() -> handler.get().handle(context));
        try {
            Object result = attempt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome.Succeeded(result == null ? "" : mapper.writeValueAsString(result), elapsedMs(start));
        } catch (TimeoutException e) {
            attempt.cancel(true);
            return failed(new JobError(DlqRouting.TIMEOUT, "Timeout",
                    "Handler did not finish within " + timeout.toMillis() + " ms", null), true, start);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JobFailure failure) {
                return failed(error(failure.code(), failure), failure.retryable(), start);
            }
            return failed(error("error", cause), true, start);
        } catch (InterruptedException e) {
            attempt.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome.Abandoned(elapsedMs(start));
        } catch (Exception e) {
            return failed(error("result-not-serializable", e), false, start);
        }
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

    @PreDestroy
    void close() {
        handlerThreads.shutdownNow();
    }
}
