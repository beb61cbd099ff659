package io.streamq.monitor.schedule;

import io.streamq.core.contract.JobType;

import java.util.Arrays;
import java.util.List;

/** The job types a schedule may enqueue, each with the queue it lives on: what a create form offers. */
public record JobTypesAnswer(List<Entry> jobTypes) {

    public record Entry(String name, String queue) {
    }

    static JobTypesAnswer schedulable() {
        return new JobTypesAnswer(Arrays.stream(JobType.values()).filter(t -> !t.internal())
                .map(t -> new Entry(t.wireName(), t.queue().wireName())).toList());
    }
}
