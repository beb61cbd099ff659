package io.streamq.monitor.admin;

import io.streamq.core.store.FilterMatches;

import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.job.CancelVerdict;
import io.streamq.core.job.JobState;
import io.streamq.core.store.JobControl;
import io.streamq.core.store.QueueReader;
import io.streamq.monitor.api.CancelByFilterResult;
import io.streamq.monitor.config.MonitorConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cancel by job type and/or tenant, the two calls of its double confirm. Both walk the ids of delayed, waiting and
 * active jobs ({@link LiveJobWalk}, at most {@code streamq.monitor.cancel-filter-limit} per call): the proposal
 * counts the matching ones; the confirmed call hands every page to cancel-jobs.lua with the filter, which decides on
 * each job as it is then. Jobs that enter the queue after the walk passed them are not cancelled.
 */
@ApplicationScoped
public class CancelByFilter {

    /** Ids the owner-action event and the answer name; the counts cover the rest. */
    static final int NAMED_IDS = 100;

    private final QueueReader reader;
    private final JobControl control;
    private final FilterMatches matches;
    private final MonitorConfig config;

    public CancelByFilter(QueueReader reader, JobControl control, FilterMatches matches, MonitorConfig config) {
        this.reader = reader;
        this.control = control;
        this.matches = matches;
        this.config = config;
    }

    /** What the first call shows: the matching jobs per state among those looked at. */
    public Uni<Map<String, Object>> proposal(QueueName queue, CancelFilter filter) {
        Map<JobState, Long> matching = new EnumMap<>(JobState.class);
        int limit = config.cancelFilterLimit();
        return new LiveJobWalk(reader, queue, limit, (state, ids) -> matches.count(queue, ids, filter)
                .map(n -> {
                    matching.merge(state, (long) n, Long::sum);
                    return ids.size();
                })).run().map(walked -> {
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("queue", queue.wireName());
                    summary.put("jobName", filter.jobName());
                    summary.put("tenant", filter.tenant());
                    long waiting = matching.getOrDefault(JobState.WAITING, 0L);
                    long delayed = matching.getOrDefault(JobState.DELAYED, 0L);
                    long active = matching.getOrDefault(JobState.ACTIVE, 0L);
                    summary.put("matching", waiting + delayed + active);
                    summary.put("waiting", waiting);
                    summary.put("delayed", delayed);
                    summary.put("active", active);
                    summary.put("looked", walked.looked());
                    summary.put("limited", walked.limited());
                    summary.put("limit", limit);
                    return summary;
                });
    }

    public Uni<CancelByFilterResult> cancel(QueueName queue, CancelFilter filter, String actor) {
        Map<String, Long> left = new LinkedHashMap<>();
        List<String> named = new ArrayList<>();
        int limit = config.cancelFilterLimit();
        return new LiveJobWalk(reader, queue, limit, (state, ids) -> control.cancel(queue, ids, actor, filter)
                .map(verdicts -> {
                    int kept = 0;
                    for (CancelVerdict v : verdicts) {
                        if (v.cancelled()) {
                            left.merge(v.state(), 1L, Long::sum);
                            if (named.size() < NAMED_IDS) {
                                named.add(v.jobId());
                            }
                        } else if (v.verdict() == CancelVerdict.Verdict.SKIPPED && state.wireName().equals(v.state())) {
                            kept++;
                        }
                    }
                    return kept;
                })).run().map(walked -> {
                    long waiting = left.getOrDefault(JobState.WAITING.wireName(), 0L);
                    long delayed = left.getOrDefault(JobState.DELAYED.wireName(), 0L);
                    long active = left.getOrDefault(JobState.ACTIVE.wireName(), 0L);
                    return new CancelByFilterResult(queue.wireName(), filter.jobName(), filter.tenant(),
                            left.values().stream().mapToLong(Long::longValue).sum(), waiting, delayed, active,
                            walked.looked(), walked.limited(), limit, List.copyOf(named));
                });
    }
}
