package io.streamq.core.store;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.script.LuaScript;
import io.streamq.core.script.ReplyRows;
import io.vertx.mutiny.redis.client.Response;

import java.util.List;

import static io.streamq.core.store.Replies.orEmpty;

/** The jobs claim and reclaim hand over, read from their rows by the field names of the scripts' ROW: line. */
final class ClaimRows {
    private ClaimRows() {
    }

    static List<ClaimedJob> read(LuaScript script, QueueName queue, Response reply, int from) {
        // A field a script read as nil arrives as null; a job with one must still run or fail, not stall the loop.
        return ReplyRows.of(script).read(reply, from, row -> new ClaimedJob(queue, row.get("entryId").toString(),
                row.get("jobId").toString(), text(row.get("name")), text(row.get("payload")),
                Replies.integer(row.get("attempt"), 1), Replies.integer(row.get("maxAttempts"), 1),
                orZero(row.get("createdAt")), orZero(row.get("startedAt")), text(row.get("tenant")),
                text(row.get("workspace")), text(row.get("actor"))));
    }

    private static String text(Response r) {
        return orEmpty(Replies.text(r));
    }

    private static long orZero(Response r) {
        Long n = Replies.number(r);
        return n == null ? 0 : n;
    }
}
