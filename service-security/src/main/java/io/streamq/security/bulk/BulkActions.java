package io.streamq.security.bulk;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.streamq.core.store.Batches;
import io.streamq.security.audit.AuditTarget;
import io.streamq.security.audit.Audited;
import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;
import io.streamq.security.owner.OwnerActions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The owner bulk action: checks the request whole, then applies the work to each distinct id (duplicates count
 * once) with at most {@link #PARALLELISM} calls in flight, inside one audited mutation (one entry listing every id),
 * and publishes one owner-action event naming the ids it was applied to. Results come in the order of the request.
 */
@ApplicationScoped
public class BulkActions {

    public static final int MAX_IDS = 1000;

    /**
     * Calls in flight per bulk: half of a service's Redis pool (32 connections), so a bulk of 1,000 leaves the other
     * half to the requests around it and stays far below the client's wait queue (256), whose overflow would fail
     * the bulk after part of it was applied.
     */
    public static final int PARALLELISM = 16;

    /**
     * How long one call may take before its ids are answered {@code timeout}: far beyond a Redis call's own time, so
     * only a stuck store (a paused or unreachable Redis) reaches it, and the bulk still answers, audits and
     * publishes. Such an id's outcome is unknown: the call may still land.
     */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(BulkActions.class);

    private final Audited audited;
    private final OwnerActions owners;
    private final Validator validator;

    public BulkActions(Audited audited, OwnerActions owners, Validator validator) {
        this.audited = audited;
        this.owners = owners;
        this.validator = validator;
    }

    /** A 400 (nothing audited, nothing applied) when the request breaks its bounds or {@code action}'s id rule. */
    public Uni<BulkResult> run(BulkAction action, IdsRequest request, BulkWork work) {
        return run(action, request, work, items -> Uni.createFrom().voidItem());
    }

    /**
     * As {@link #run(BulkAction, IdsRequest, BulkWork)}, calling {@code applied} with every id's answer once all were
     * applied and before the event is published (e.g. to invalidate what the change made stale, so a console reacting
     * to the event reads the new state).
     */
    public Uni<BulkResult> run(BulkAction action, IdsRequest request, BulkWork work,
                               Function<List<BulkItem>, Uni<Void>> applied) {
        Set<ConstraintViolation<IdsRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(new ConstraintViolationException(violations));
        }
        List<FieldProblem> bad = new ArrayList<>();
        for (int i = 0; i < request.ids().size(); i++) {
            if (!action.ids().accepts().test(request.ids().get(i))) {
                bad.add(new FieldProblem("ids[" + i + "]", action.ids().expectation()));
            }
        }
        if (!bad.isEmpty()) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    action.ids().summary() + "; nothing was applied.", bad));
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(request.ids()));
        return audited.mutation(action.name(), AuditTarget.jobs(action.queue(), ids), Map.of("count", ids.size()),
                () -> owners.actor().chain(actor -> applyAll(ids, work, actor).call(items -> applied.apply(items))
                        .chain(items -> {
                            BulkResult result = BulkResult.of(action.queue(), action.verb(), items);
                            List<String> done = items.stream().filter(BulkItem::success).map(BulkItem::id).toList();
                            return owners.publish(action.name(), action.queue(), done, actor, Map.of("successCount",
                                    result.successCount(), "failureCount", result.failureCount()))
                                    .replaceWith(result);
                        })));
    }

    /**
     * Calls start in request order; they finish in any order, so each answer is put back in its batch's place. A call
     * that fails or hangs answers a failed item per id of its batch: the others were applied, so the bulk must still
     * say which, audit and publish them.
     */
    private static Uni<List<BulkItem>> applyAll(List<String> ids, BulkWork work, String actor) {
        List<List<String>> batches = Batches.of(ids, work.batch());
        return Multi.createFrom().range(0, batches.size())
                .onItem().transformToUni(i -> Uni.createFrom().deferred(() -> work.step().apply(batches.get(i), actor))
                        .ifNoItem().after(STEP_TIMEOUT).fail()
                        .map(items -> checked(batches.get(i), items))
                        .onFailure().recoverWithItem(e -> failed(batches.get(i), e))
                        .map(items -> new Answered(i, items)))
                .merge(PARALLELISM)
                .collect().asList()
                .map(answers -> answers.stream().sorted(Comparator.comparingInt(Answered::batch))
                        .flatMap(a -> a.items().stream()).toList());
    }

    private static List<BulkItem> failed(List<String> ids, Throwable error) {
        String reason = error instanceof TimeoutException ? "timeout" : "error";
        LOG.warnf(error, "bulk call for %d ids failed (%s); they are answered as failed", ids.size(), reason);
        return ids.stream().map(id -> new BulkItem(id, false, reason)).toList();
    }

    private static List<BulkItem> checked(List<String> ids, List<BulkItem> items) {
        if (items.size() != ids.size()) {
            throw new IllegalStateException("bulk work answered " + items.size() + " items for " + ids.size()
                    + " ids");
        }
        return items;
    }

    private record Answered(int batch, List<BulkItem> items) {
    }
}
