package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.keys.QueueKeys;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which of a page of jobs a cancel filter matches, as cancel-jobs.lua decides it: the job's type and tenant, read
 * with one pipelined HMGET per job (never the payload, which may be megabytes). A job gone meanwhile matches nothing.
 */
@ApplicationScoped
public class FilterMatches {

    /** Fields of the job hash (queue-core's includes/new-job.lua) that the filter compares. */
    private static final String NAME_FIELD = "name";
    private static final String TENANT_FIELD = "tenant";

    private final ReactiveRedisDataSource redis;

    public FilterMatches(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** How many of {@code jobIds} (all of {@code queue}) match {@code filter} now. */
    public Uni<Integer> count(QueueName queue, List<String> jobIds, CancelFilter filter) {
        if (jobIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        QueueKeys k = QueueKeys.of(queue);
        List<Request> reads = new ArrayList<>(jobIds.size());
        for (String id : jobIds) {
            reads.add(Request.cmd(Command.HMGET).arg(k.job(id)).arg(NAME_FIELD).arg(TENANT_FIELD));
        }
        // One round trip: the hashes share the queue's hash tag, so on a cluster they sit on one node too.
        return redis.getRedis().batch(reads).map(replies -> {
            int matching = 0;
            for (Response fields : replies) {
                if (matches(fields, filter)) {
                    matching++;
                }
            }
            return matching;
        });
    }

    private static boolean matches(Response fields, CancelFilter filter) {
        String name = text(fields.get(0));
        if (name == null) {
            return false;
        }
        String tenant = Objects.requireNonNullElse(text(fields.get(1)), "");
        return (filter.jobName() == null || filter.jobName().equals(name))
                && (filter.tenant() == null || filter.tenant().equals(tenant));
    }

    private static String text(Response r) {
        return r == null ? null : r.toString();
    }
}
