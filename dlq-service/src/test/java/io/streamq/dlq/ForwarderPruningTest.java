package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.dlq.ingest.ForwarderPruning;
import io.streamq.testing.RedisTestResource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dlq groups lose the consumers of earlier forwarder starts, never one that holds records. A live forwarder on a
 * quiet stream may go too (Redis 7.0 counts idle time from the last delivery, not the last blocked read): it holds
 * nothing, and its next read joins the group again.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ForwarderPruningTest {

    private static final String GROUP = QueueKeys.DLQ_CONSUMER_GROUP;

    @Inject
    ForwarderPruning pruning;

    @Inject
    DlqTestSupport support;

    @Inject
    RedisDataSource redis;

    @Inject
    Redis client;

    @Test
    void idleConsumersHoldingNothingAreDeletedAndAHolderOfPendingRecordsStays() throws Exception {
        String stream = QueueKeys.of(QueueName.EMAIL).deadStream();
        // An earlier start that never got a record, and one that died holding one. The record is added and read in
        // one transaction, so the live forwarder (blocked on the stream) cannot take it first; it is a success of a
        // job without entry, harmless when a live forwarder takes it over later.
        send(Request.cmd(Command.XGROUP).arg("CREATECONSUMER").arg(stream).arg(GROUP).arg("gone-empty"));
        redis.withTransaction(tx -> {
            tx.stream(String.class).xadd(stream, DlqTestSupport.successRecord(QueueName.EMAIL, "email-424242424",
                    "email.send-digest", 1_000));
            tx.stream(String.class).xreadgroup(GROUP, "gone-holding", stream, ">");
        });
        assertThat(consumers(stream)).containsKeys("gone-empty", "gone-holding");

        Thread.sleep(1_500);
        int deleted = pruning.prune(Duration.ofSeconds(1));

        Map<String, Long> after = consumers(stream);
        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(after).doesNotContainKey("gone-empty").containsEntry("gone-holding", 1L);
        // Whatever was pruned, the live forwarder still moves new hand-offs.
        assertThat(support.deadJob(JobType.EMAIL_SEND_DIGEST, "{}", DlqTestSupport.error("prune", "after pruning"))
                .errorCode()).isEqualTo("prune");
    }

    /** Consumer name → pending entries, from XINFO CONSUMERS. */
    private Map<String, Long> consumers(String stream) {
        Map<String, Long> out = new HashMap<>();
        for (Response c : send(Request.cmd(Command.XINFO).arg("CONSUMERS").arg(stream).arg(GROUP))) {
            out.put(c.get("name").toString(), c.get("pending").toLong());
        }
        return out;
    }

    private Response send(Request request) {
        return client.send(request).await().atMost(Duration.ofSeconds(5));
    }
}
