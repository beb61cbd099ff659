package io.streamq.security;

import io.smallrye.mutiny.Uni;
import io.streamq.security.auth.Policy;
import io.streamq.security.auth.RequiresPolicy;
import io.streamq.security.bulk.BulkAction;
import io.streamq.security.bulk.BulkActions;
import io.streamq.security.bulk.BulkItem;
import io.streamq.security.bulk.BulkResult;
import io.streamq.security.bulk.BulkWork;
import io.streamq.security.bulk.IdRule;
import io.streamq.security.bulk.IdsRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only bulk endpoint over {@link BulkActions}, whose items wait until the test finishes them: the test
 * decides in which order they complete and sees how many were started before any was finished.
 */
@Path("/test/bulk")
public class TestBulkResource {

    /** An item started and not finished yet; the test finishes it. */
    public record Pending(String id, CompletableFuture<BulkItem> done) {
    }

    public static final LinkedBlockingDeque<Pending> PENDING = new LinkedBlockingDeque<>();
    public static final List<String> STARTED = new CopyOnWriteArrayList<>();
    /** Counted by the test just before it finishes an item, so started − finished never undercounts. */
    public static final AtomicInteger FINISHED = new AtomicInteger();
    public static final AtomicInteger MOST_IN_FLIGHT = new AtomicInteger();

    private final BulkActions bulk;

    public TestBulkResource(BulkActions bulk) {
        this.bulk = bulk;
    }

    public static void reset() {
        PENDING.clear();
        STARTED.clear();
        FINISHED.set(0);
        MOST_IN_FLIGHT.set(0);
    }

    /** Ids of the path's group are {@code <group>-<n>}; anything else refuses the bulk. */
    @POST
    @Path("/{group}")
    @RequiresPolicy(Policy.MANAGE)
    public Uni<BulkResult> touch(@PathParam("group") String group, @NotNull IdsRequest body) {
        IdRule rule = new IdRule(id -> id.matches(group + "-[0-9]+"), "must be " + group + "-<number>",
                "Every id must be one of group " + group);
        BulkAction action = new BulkAction("test.bulk-touch", group, "touched", rule);
        return bulk.run(action, body, BulkWork.perItem((id, actor) -> {
            STARTED.add(id);
            MOST_IN_FLIGHT.accumulateAndGet(STARTED.size() - FINISHED.get(), Math::max);
            CompletableFuture<BulkItem> done = new CompletableFuture<>();
            PENDING.add(new Pending(id, done));
            return Uni.createFrom().completionStage(done);
        }));
    }
}
