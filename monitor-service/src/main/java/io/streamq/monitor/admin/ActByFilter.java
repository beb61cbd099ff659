package io.streamq.monitor.admin;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.AdminOutcome;
import io.streamq.core.store.JobCursor;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.QueueReader;
import io.streamq.monitor.api.ActByFilterResult;
import io.streamq.monitor.config.MonitorConfig;
import io.streamq.security.bulk.BulkActions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Retry or remove every job an owner list shows (a state, and its search), the two calls of a double confirm: the
 * "select all N matching" of the console. The proposal counts the matching jobs; the confirmed call reads their ids
 * again (at most {@code streamq.monitor.cancel-filter-limit}, the bound of every by-filter action) and applies the
 * action to each with the bulk's parallelism. Each job is decided as it is then: one that left the state meanwhile
 * is refused by its script and counted as refused, and jobs arriving after the ids were read are left alone.
 */
@ApplicationScoped
public class ActByFilter {

    /** What an action by filter does to one job, and its names in the audit log and the answer. */
    public enum Action {
        RETRY("job.retry.filter", "retried"), REMOVE("job.remove.filter", "removed");

        public final String auditName;
        public final String verb;

        Action(String auditName, String verb) {
            this.auditName = auditName;
            this.verb = verb;
        }
    }

    /** Ids the owner-action event and the answer name; the counts cover the rest. */
    static final int NAMED_IDS = 100;

    /** The outcome of a job whose script call failed (Redis unreachable, a timeout): not known to be applied. */
    private static final String FAILED_CALL = "error";

    private final QueueReader reader;
    private final QueueAdmin admin;
    private final MonitorConfig config;

    public ActByFilter(QueueReader reader, QueueAdmin admin, MonitorConfig config) {
        this.reader = reader;
        this.admin = admin;
        this.config = config;
    }

    /** What the first call shows: how many jobs match, and whether the confirmed call would stop at its limit. */
    public Uni<Map<String, Object>> proposal(QueueName queue, JobFilter filter) {
        int limit = config.cancelFilterLimit();
        Uni<long[]> counted = filter.search() == null
                ? reader.page(queue, filter.state(), JobCursor.offset(0), 1).map(p -> new long[] {p.total(), 0})
                : reader.search(queue, filter.state(), filter.search(), config.searchScanLimit(),
                        config.searchByteLimit().asLongValue())
                .map(found -> new long[] {found.matches().size(), found.limited() ? 1 : 0});
        return counted.map(n -> {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("queue", queue.wireName());
            summary.put("state", filter.state().wireName());
            summary.put("search", filter.search());
            summary.put("matching", Math.min(n[0], limit));
            summary.put("limited", n[0] > limit);
            summary.put("limit", limit);
            summary.put("searchLimited", n[1] == 1);
            return summary;
        });
    }

    public Uni<ActByFilterResult> apply(QueueName queue, JobFilter filter, Action action, String actor) {
        int limit = config.cancelFilterLimit();
        return ids(queue, filter, limit + 1).chain(found -> {
            List<String> ids = found.size() > limit ? found.subList(0, limit) : found;
            // A call that fails is counted, not thrown: the others were applied, so the answer must still say so.
            return Multi.createFrom().iterable(ids)
                    .onItem().transformToUni(id -> step(action, queue, id, actor)
                            .onFailure().recoverWithItem(e -> new AdminOutcome(id, false, FAILED_CALL)))
                    .merge(BulkActions.PARALLELISM)
                    .collect().asList()
                    .map(outcomes -> {
                        List<String> named = new ArrayList<>();
                        long done = 0;
                        long errors = 0;
                        for (AdminOutcome o : outcomes) {
                            if (o.done()) {
                                done++;
                                if (named.size() < NAMED_IDS) {
                                    named.add(o.jobId());
                                }
                            } else if (FAILED_CALL.equals(o.reason())) {
                                errors++;
                            }
                        }
                        return new ActByFilterResult(queue.wireName(), filter.state().wireName(), filter.search(),
                                action.verb, ids.size(), done, ids.size() - done - errors, errors,
                                found.size() > limit, limit, List.copyOf(named));
                    });
        });
    }

    private Uni<AdminOutcome> step(Action action, QueueName queue, String id, String actor) {
        return switch (action) {
            case RETRY -> admin.retry(queue, id, actor);
            case REMOVE -> admin.remove(queue, id, actor);
        };
    }

    /** Up to {@code max} ids matching now, in listing order: the state page by page, or the list's search. */
    private Uni<List<String>> ids(QueueName queue, JobFilter filter, int max) {
        if (filter.search() != null) {
            return reader.search(queue, filter.state(), filter.search(), config.searchScanLimit(),
                    config.searchByteLimit().asLongValue()).map(found -> found.matches().size() > max
                    ? found.matches().subList(0, max) : found.matches());
        }
        return pages(queue, filter, JobCursor.offset(0), new LinkedHashSet<>(), max);
    }

    /**
     * Reads only, so positions stay valid; a job that becomes the newest meanwhile shifts the ranks of a sorted set
     * by one, which shows an id twice (kept once), never hides one.
     */
    private Uni<List<String>> pages(QueueName queue, JobFilter filter, JobCursor from, LinkedHashSet<String> ids,
                                    int max) {
        int size = Math.min(LiveJobWalk.PAGE, max - ids.size());
        return reader.page(queue, filter.state(), from, size).chain(page -> {
            ids.addAll(page.ids());
            if (page.next() == null || page.ids().isEmpty() || ids.size() >= max) {
                return Uni.createFrom().item(List.copyOf(ids));
            }
            JobCursor next = JobCursor.parse(filter.state(), page.next()).orElseThrow(
                    () -> new IllegalStateException("search-jobs answered a cursor of another state: " + page.next()));
            return pages(queue, filter, next, ids, max);
        });
    }
}
