package io.streamq.security.bulk;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * What a bulk does to its ids: one id per call ({@link #perItem}), or batches that one store call takes together
 * ({@link #inBatches}). Each call answers one {@link BulkItem} per id, in the order given; a call that fails or
 * hangs is answered {@code error} or {@code timeout} for each of its ids, so work with a more precise reason per id
 * recovers into its own item.
 */
public record BulkWork(int batch, Step step) {

    @FunctionalInterface
    public interface Step {
        Uni<List<BulkItem>> apply(List<String> ids, String actor);
    }

    @FunctionalInterface
    public interface ItemStep {
        Uni<BulkItem> apply(String id, String actor);
    }

    public BulkWork {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
    }

    public static BulkWork perItem(ItemStep step) {
        return new BulkWork(1, (ids, actor) -> step.apply(ids.getFirst(), actor).map(List::of));
    }

    public static BulkWork inBatches(int size, Step step) {
        return new BulkWork(size, step);
    }
}
