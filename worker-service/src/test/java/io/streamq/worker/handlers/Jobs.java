package io.streamq.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.job.JobLogLine;
import io.streamq.core.job.JobView;
import io.streamq.core.job.NewJob;
import io.streamq.core.store.JobReports;
import io.streamq.core.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;


/** Enqueues through the producers' script and waits for what the running worker records. */
@ApplicationScoped
public class Jobs {

    private final JobStore jobs;
    private final JobReports reports;
    private final ObjectMapper mapper;

    public Jobs(JobStore jobs, JobReports reports, ObjectMapper mapper) {
        this.jobs = jobs;
        this.reports = reports;
        this.mapper = mapper;
    }

    public String enqueue(JobType type, String payload) {
        return enqueue(type, payload, 0);
    }

    public String enqueue(JobType type, String payload, long delayMs) {
        NewJob job = new NewJob(type, payload, "handlers-tenant", "handlers-ws", "handlers-actor", null, delayMs);
        return jobs.enqueue(List.of(job)).await().atMost(Duration.ofSeconds(5)).getFirst().id();
    }

    public JobView view(String id) {
        return jobs.find(id).await().atMost(Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("no " + id));
    }

    public JobView await(String id, String state) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    String s = view(id).state();
                    if (!s.equals(state) && (s.equals("completed") || s.equals("failed"))) {
                        throw new AssertionError(id + " ended " + s + " instead of " + state + ": " + view(id));
                    }
                    return s.equals(state);
                });
        return view(id);
    }

    public JsonNode result(JobView job) throws Exception {
        return mapper.readTree(job.result());
    }

    /** The latest progress its handler reported, {@code {"percent"?, "data"?}}. */
    public JsonNode progress(JobView job) throws Exception {
        return mapper.readTree(job.progress());
    }

    /** The job's log lines (every attempt's), oldest first; written before its outcome, so complete once it ended. */
    public List<String> logLines(String id) {
        return reports.logs(id).await().atMost(Duration.ofSeconds(5)).stream().map(JobLogLine::line).toList();
    }
}
