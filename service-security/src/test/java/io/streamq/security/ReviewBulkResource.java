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

/**
 * Review reproduction endpoint: a bulk whose item {@code <group>-3} fails (mode {@code fail}: a failed Uni, as a
 * Redis error of one job answers) or never answers (mode {@code hang}: a call stuck on a paused Redis); every other
 * item is applied at once and recorded in {@link #APPLIED}.
 */
@Path("/test/review-bulk")
public class ReviewBulkResource {

    public static final List<String> APPLIED = new CopyOnWriteArrayList<>();
    /** The answer the hanging item waits for; completed by the test when it is done. */
    public static final CompletableFuture<BulkItem> STUCK = new CompletableFuture<>();

    private final BulkActions bulk;

    public ReviewBulkResource(BulkActions bulk) {
        this.bulk = bulk;
    }

    @POST
    @Path("/{mode}")
    @RequiresPolicy(Policy.MANAGE)
    public Uni<BulkResult> run(@PathParam("mode") String mode, @NotNull IdsRequest body) {
        BulkAction action = new BulkAction("test.review-bulk-" + mode, "g", "touched", IdRule.any());
        return bulk.run(action, body, BulkWork.perItem((id, actor) -> {
            if (id.equals("g-3")) {
                return mode.equals("fail")
                        ? Uni.createFrom().failure(new IllegalStateException("WRONGTYPE of one job"))
                        : Uni.createFrom().completionStage(STUCK);
            }
            APPLIED.add(id);
            return Uni.createFrom().item(new BulkItem(id, true, null));
        }));
    }
}
