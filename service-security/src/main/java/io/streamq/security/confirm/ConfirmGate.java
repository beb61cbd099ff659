package io.streamq.security.confirm;

import io.smallrye.mutiny.Uni;
import io.streamq.security.auth.Identities;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The two calls of a destructive endpoint in one place: without a token answer 202 with a {@link ConfirmChallenge}
 * (nothing destroyed); with one, spend it and only then run the action.
 *
 * <pre>{@code
 * @DELETE @Path("/queues/{q}/jobs") @RequiresPolicy(Policy.DELETE)
 * public Uni<Response> purge(@PathParam("q") String q, @HeaderParam(ConfirmTokens.HEADER) String token) {
 *     return gate.confirm(token, "queue.purge", Map.of("queue", q),
 *             () -> store.countJobs(q).map(n -> Map.of("queue", q, "jobs", n)),
 *             () -> audited.mutation("queue.purge", AuditTarget.queue(q), Map.of(), () -> store.purge(q))
 *                     .map(r -> Response.ok(r).build()));
 * }
 * }</pre>
 */
@ApplicationScoped
public class ConfirmGate {

    private final ConfirmTokens tokens;
    private final Identities identities;

    public ConfirmGate(ConfirmTokens tokens, Identities identities) {
        this.tokens = tokens;
        this.identities = identities;
    }

    public Uni<Response> confirm(String token, String action, Map<String, ?> params,
                                 Supplier<Uni<Map<String, Object>>> summary, Supplier<Uni<Response>> destroy) {
        return confirm(token, action, params, summary, summarizedAt -> destroy.get());
    }

    /**
     * Like {@link #confirm(String, String, Map, Supplier, Supplier)}, handing {@code destroy} the Redis time (epoch
     * ms) at which the owner was shown the summary (the token's issue), so that the action can leave alone what
     * appeared after it: the owner confirmed what the summary counted, not what arrived since.
     */
    public Uni<Response> confirm(String token, String action, Map<String, ?> params,
                                 Supplier<Uni<Map<String, Object>>> summary, LongFunction<Uni<Response>> destroy) {
        return identities.current().map(Identities::actor).chain(actor -> {
            if (token == null || token.isBlank()) {
                return summary.get()
                        .chain(s -> tokens.issue(actor, action, params, s))
                        .map(challenge -> Response.accepted(challenge).build());
            }
            return tokens.spend(token, actor, action, params).chain(destroy::apply);
        });
    }
}
