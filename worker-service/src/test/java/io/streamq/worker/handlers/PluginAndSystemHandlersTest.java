package io.streamq.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobView;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.IntegrationStore;
import io.streamq.testing.PeerServer;
import io.streamq.worker.handler.SystemHealthCheckHandler;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(PeersTestResource.class)
class PluginAndSystemHandlersTest {

    @Inject
    Jobs jobs;

    @Inject
    IntegrationStore integrations;

    @Inject
    RedisDataSource redis;

    @Test
    void installValidatesTheManifestAndSyncStoresTheDiff() throws Exception {
        PeerServer peer = Peers.http();
        peer.onJson("/registry/plugins/crm/versions/1.2.0/manifest", 200, """
                {"id":"crm","version":"1.2.0","hooks":["contact.created","deal.won"],"stateUrl":"%s"}"""
                .formatted(peer.url("/crm/state?token=state-secret-123")));

        String installId = jobs.enqueue(JobType.PLUGIN_INSTALL, "{\"pluginId\":\"crm\",\"version\":\"1.2.0\"}");
        JsonNode installed = jobs.result(jobs.await(installId, "completed"));
        assertThat(jobs.logLines(installId)).last().isEqualTo("Installed crm 1.2.0 (first install), 2 hooks");
        assertThat(installed.path("hooks").toString()).isEqualTo("[\"contact.created\",\"deal.won\"]");
        assertThat(integrations.installedPlugin("crm").await().indefinitely()).containsEntry("version", "1.2.0");

        peer.on("/crm/state", (n, r) -> PeerServer.Answer.json(200, n == 1
                ? "{\"contacts\":10,\"pipeline\":\"sales\",\"region\":\"eu\"}"
                : "{\"contacts\":12,\"pipeline\":\"sales\",\"owner\":\"ada\"}"));
        String firstId = jobs.enqueue(JobType.PLUGIN_SYNC, "{\"pluginId\":\"crm\"}");
        JsonNode first = jobs.result(jobs.await(firstId, "completed"));
        // The state URL's query may hold a secret: the log names host and path only.
        assertThat(jobs.logLines(firstId).getFirst())
                .matches("Plugin state endpoint GET 127\\.0\\.0\\.1:\\d+/crm/state answered 200 in \\d+ ms");
        assertThat(first.path("firstSync").asBoolean()).isTrue();
        assertThat(first.path("added").size()).isEqualTo(3);

        JsonNode second = jobs.result(jobs.await(jobs.enqueue(JobType.PLUGIN_SYNC, "{\"pluginId\":\"crm\"}"),
                "completed"));
        assertThat(second.path("changed").toString()).isEqualTo("{\"contacts\":{\"from\":10,\"to\":12}}");
        assertThat(second.path("added").toString()).isEqualTo("{\"owner\":\"ada\"}");
        assertThat(second.path("removed").toString()).isEqualTo("[\"region\"]");
        assertThat(second.path("unchanged").asInt()).isEqualTo(1);
        assertThat(integrations.pluginState("crm").await().indefinitely()).get().asString().contains("\"owner\"");
    }

    @Test
    void mismatchedManifestAndUninstalledPluginFailWithoutRetry() {
        Peers.http().onJson("/registry/plugins/billing/versions/2.0.0/manifest", 200,
                "{\"id\":\"billing\",\"version\":\"1.9.9\",\"hooks\":[]}");
        JobView mismatch = jobs.await(jobs.enqueue(JobType.PLUGIN_INSTALL,
                "{\"pluginId\":\"billing\",\"version\":\"2.0.0\"}"), "failed");
        assertThat(mismatch.attempts()).isEqualTo(1);
        assertThat(mismatch.lastError().code()).isEqualTo("manifest-mismatch");
        assertThat(integrations.installedPlugin("billing").await().indefinitely()).isEmpty();

        JobView sync = jobs.await(jobs.enqueue(JobType.PLUGIN_SYNC, "{\"pluginId\":\"ghost\"}"), "failed");
        assertThat(sync.lastError().code()).isEqualTo("plugin-not-installed");
    }

    @Test
    void healthCheckDrillFailsEveryAttemptAndReachesTheDlqWhileTheCanaryStillPasses() {
        JobView drill = jobs.await(jobs.enqueue(JobType.SYSTEM_HEALTH_CHECK, "{\"probe\":\"drill\",\"fail\":true}"),
                "failed");
        assertThat(drill.attempts()).isEqualTo(drill.maxAttempts()).isGreaterThan(1);
        assertThat(drill.lastError().code()).isEqualTo(SystemHealthCheckHandler.DRILL_CODE);
        // Handed to the DLQ like any job that ran out of attempts (the DLQ service takes it from there).
        assertThat(redis.stream(String.class).xrange(QueueKeys.of(QueueName.SYSTEM).deadStream(),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+")))
                .anySatisfy(m -> assertThat(m.payload().toString()).contains(drill.id()));

        JobView canary = jobs.await(jobs.enqueue(JobType.SYSTEM_HEALTH_CHECK, "{\"probe\":\"ok\",\"fail\":false}"),
                "completed");
        assertThat(canary.attempts()).isEqualTo(1);
    }

    @Test
    void cleanupRemovesOnlyJobsFinishedBeforeTheCutoff() throws Exception {
        QueueKeys workflows = QueueKeys.of(QueueName.WORKFLOWS);
        long now = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            String id = "workflows-old-" + i;
            redis.hash(String.class).hset(workflows.job(id), Map.of("state", "completed", "name", "workflow.start-run"));
            redis.sortedSet(String.class).zadd(workflows.completed(), now - 3 * 3600_000L, id);
        }
        redis.hash(String.class).hset(workflows.job("workflows-old-f"), Map.of("state", "failed"));
        redis.sortedSet(String.class).zadd(workflows.failed(), now - 5 * 3600_000L, "workflows-old-f");
        redis.hash(String.class).hset(workflows.job("workflows-old-c"), Map.of("state", "cancelled"));
        redis.list(String.class).rpush(workflows.logs("workflows-old-c"), "{\"at\":1,\"attempt\":1,\"line\":\"x\"}");
        redis.sortedSet(String.class).zadd(workflows.cancelled(), now - 4 * 3600_000L, "workflows-old-c");
        redis.hash(String.class).hset(workflows.job("workflows-recent"), Map.of("state", "completed"));
        redis.sortedSet(String.class).zadd(workflows.completed(), now - 60_000L, "workflows-recent");

        JobView cleanup = jobs.await(jobs.enqueue(JobType.SYSTEM_CLEANUP, "{\"olderThanHours\":2}"), "completed");
        JsonNode result = jobs.result(cleanup);
        int queues = QueueName.workQueues().size();
        assertThat(jobs.progress(cleanup).toString())
                .isEqualTo("{\"percent\":100,\"data\":{\"queues\":" + queues + ",\"of\":" + queues + "}}");
        assertThat(jobs.logLines(cleanup.id())).hasSize(queues)
                .contains("workflows: removed 3 completed, 1 failed, 1 cancelled");

        assertThat(result.path("queues").path("workflows").toString()).isEqualTo(
                "{\"completed\":3,\"failed\":1,\"cancelled\":1}");
        assertThat(result.path("removed").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(redis.key().exists(workflows.job("workflows-old-c"), workflows.logs("workflows-old-c")))
                .as("a cancelled job and its log").isZero();
        assertThat(redis.key().exists(workflows.job("workflows-old-0"))).isFalse();
        assertThat(redis.key().exists(workflows.job("workflows-old-f"))).isFalse();
        assertThat(redis.key().exists(workflows.job("workflows-recent"))).isTrue();
        assertThat(redis.sortedSet(String.class).zscore(workflows.completed(), "workflows-recent")).isNotNull();
    }

    @Test
    void refreshStatsRepairsDriftedCounters() throws Exception {
        QueueKeys keys = QueueKeys.of(QueueName.WORKFLOWS);
        redis.hash(String.class).hset(keys.counts(), Map.of("waiting", "42", "active", "7"));

        JobView refresh = jobs.await(jobs.enqueue(JobType.SYSTEM_REFRESH_STATS, "{\"queue\":\"workflows\"}"),
                "completed");
        JsonNode result = jobs.result(refresh);
        assertThat(jobs.logLines(refresh.id())).containsExactly("workflows: waiting 42 -> 0, active 7 -> 0 (repaired)");
        assertThat(jobs.progress(refresh).toString()).isEqualTo("{\"percent\":100,\"data\":{\"queues\":1,\"of\":1}}");

        JsonNode q = result.path("queues").path("workflows");
        assertThat(q.path("before").toString()).isEqualTo("{\"waiting\":42,\"active\":7}");
        assertThat(q.path("after").toString()).isEqualTo("{\"waiting\":0,\"active\":0}");
        assertThat(q.path("repaired").asBoolean()).isTrue();
        assertThat(redis.hash(String.class).hgetall(keys.counts())).containsEntry("waiting", "0")
                .containsEntry("active", "0");
    }
}
