package io.streamq.producer.wait;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** A message of {@code Channels.JOB_FINISHED}: watched jobs of one queue that reached a final state. */
@JsonIgnoreProperties(ignoreUnknown = true)
record FinishedJobsMessage(String queue, List<Job> jobs) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Job(String jobId, String state) {
    }
}
