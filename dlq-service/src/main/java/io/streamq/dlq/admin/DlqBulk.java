package io.streamq.dlq.admin;

import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobIds;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.QueueStatsCache;
import io.streamq.dlq.replay.DlqReplayer;
import io.streamq.dlq.replay.ReplayOutcome;
import io.streamq.security.bulk.BulkAction;
import io.streamq.security.bulk.BulkActions;
import io.streamq.security.bulk.BulkItem;
import io.streamq.security.bulk.BulkResult;
import io.streamq.security.bulk.BulkWork;
import io.streamq.security.bulk.IdRule;
import io.streamq.security.bulk.IdsRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Bulk replay and bulk delete through {@link BulkActions}. The ids may span queues, and an id that is no DLQ entry
 * id ({@code <queue>-<n>}) is answered {@code invalid-id} in its result rather than refusing the bulk; such an id
 * never reaches a key.
 */
@ApplicationScoped
public class DlqBulk {

    private static final BulkAction REPLAY = new BulkAction("dlq.bulk-replay", null, null, IdRule.any());
    private static final BulkAction DELETE = new BulkAction("dlq.bulk-delete", null, null, IdRule.any());
    /** A replay blocks on several dependent Redis calls; each runs on a virtual thread of its own. */
    private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("dlq-bulk").start(task);

    private final BulkActions bulk;
    private final DlqReplayer replayer;
    private final DlqStore store;
    private final QueueStatsCache statsCache;

    public DlqBulk(BulkActions bulk, DlqReplayer replayer, DlqStore store, QueueStatsCache statsCache) {
        this.bulk = bulk;
        this.replayer = replayer;
        this.store = store;
        this.statsCache = statsCache;
    }

    /** One replay per id; a replay that throws is answered {@code error} for its id, the others go on. */
    public Uni<BulkResult> replay(IdsRequest request) {
        return bulk.run(REPLAY, request, BulkWork.perItem((id, actor) -> {
            if (!validId(id)) {
                return Uni.createFrom().item(new BulkItem(id, false, "invalid-id"));
            }
            return Uni.createFrom().item(() -> {
                        ReplayOutcome outcome = replayer.replay(id, actor);
                        return new BulkItem(id, outcome.succeeded(), outcome.reason());
                    }).runSubscriptionOn(VIRTUAL)
                    .onFailure().recoverWithItem(new BulkItem(id, false, "error"));
        }));
    }

    /**
     * Deletes in calls of {@link DlqStore#MAX_BATCH} ids, each leaving tombstones (docs/dlq.md); the reports of the
     * queues that lost entries are invalidated before the answer (their DLQ count changed).
     */
    public Uni<BulkResult> delete(IdsRequest request) {
        return bulk.run(DELETE, request, BulkWork.inBatches(DlqStore.MAX_BATCH, (ids, actor) -> {
            List<String> valid = ids.stream().filter(DlqBulk::validId).toList();
            return store.delete(valid, actor).map(deleted -> {
                Map<String, Boolean> byId = new LinkedHashMap<>();
                for (int i = 0; i < valid.size(); i++) {
                    byId.put(valid.get(i), deleted.get(i));
                }
                List<BulkItem> items = new ArrayList<>(ids.size());
                for (String id : ids) {
                    Boolean ok = byId.get(id);
                    items.add(ok == null ? new BulkItem(id, false, "invalid-id")
                            : new BulkItem(id, ok, ok ? "deleted" : "not-found"));
                }
                return items;
            });
        }), items -> statsCache.invalidate(items.stream().filter(BulkItem::success)
                .flatMap(i -> JobIds.queueOf(i.id()).stream()).toList()));
    }

    /** DLQ entry ids are job ids ({@code <queue>-<n>}) of a work queue. */
    private static boolean validId(String id) {
        return JobIds.queueOf(id).filter(q -> q != QueueName.DLQ).isPresent();
    }
}
