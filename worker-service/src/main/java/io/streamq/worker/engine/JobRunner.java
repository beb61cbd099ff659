package io.streamq.worker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.JobPayload;
import io.streamq.core.contract.payload.PayloadCodec;
import io.streamq.core.failure.AttemptFailure;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.store.JobReports;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one attempt of a job on the calling thread: decodes its payload, calls its handler, classifies the end (an
 * {@link AttemptFailure}; what follows a failure is {@link io.streamq.core.failure.FailurePolicy}'s to decide). The
 * handler's deadline is enforced by whoever cancels the {@link RunningJob}; a handler is only ever judged once it
 * has returned, so nothing of an attempt outlives its outcome.
 */
@ApplicationScoped
public class JobRunner {
    private final HandlerRegistry handlers;
    private final PayloadCodec codec;
    private final ObjectMapper mapper;
    private final QueueCatalog catalog;
    private final JobReports reports;
    private final WorkerConfig config;

    public JobRunner(HandlerRegistry handlers, PayloadCodec codec, ObjectMapper mapper, QueueCatalog catalog,
                     JobReports reports, WorkerConfig config) {
        this.handlers = handlers;
        this.codec = codec;
        this.mapper = mapper;
        this.catalog = catalog;
        this.reports = reports;
        this.config = config;
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
        } catch (Exception e) {
            return failed(AttemptFailure.invalidPayload(e), start);
        }
        CancelReason early = running.cancelReason();
        if (early != null && early != CancelReason.TIMEOUT) {
            return new Outcome.Interrupted(early, 0);
        }
        Duration timeout = running.timeout();
        JobProgress progress = new JobProgress(job, workerId, reports, mapper, config.progressInterval());
        JobContext context = new JobContext(job, payload, timeout, workerId, running, progress);
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
            // Before the outcome: the job's last lines and progress belong to the attempt that wrote them.
            progress.close(config.callTimeout());
        }
        if (failure == null) {
            try {
                return new Outcome.Succeeded(result == null ? "" : mapper.writeValueAsString(result), elapsedMs(start));
            } catch (Exception e) {
                return failed(AttemptFailure.resultNotSerializable(e), start);
            }
        }
        CancelReason reason = running.cancelReason();
        if (reason == CancelReason.TIMEOUT || reason == null && System.nanoTime() - running.deadlineNanos() >= 0) {
            return failed(AttemptFailure.timedOut(timeout), start);
        }
        if (reason != null) {
            return new Outcome.Interrupted(reason, elapsedMs(start));
        }
        return failed(AttemptFailure.thrown(failure), start);
    }

    private static Outcome failed(AttemptFailure failure, long start) {
        return new Outcome.Failed(failure, elapsedMs(start));
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
