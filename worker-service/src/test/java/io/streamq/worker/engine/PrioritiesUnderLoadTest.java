package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two workers drain a backlog of three priorities with all their slots busy: the highest priority goes first, yet
 * the lowest keeps getting its share of starts from the beginning (docs/architecture.md, "Priorities").
 */
@QuarkusTest
class PrioritiesUnderLoadTest {

    private static final QueueName Q = QueueName.SYSTEM;
    private static final int PER_PRIORITY = 300;

    @Inject
    Engines engines;

    @Test
    void highPrioritiesStartFirstAndTheLowestStillProgresses() {
        List<String> started = new CopyOnWriteArrayList<>();
        ScriptedHandler handler = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK, c -> {
            started.add(c.job().jobId());
            Thread.sleep(2);
            return "ok";
        });
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine one = engines.engine(redis, "prio-one", EnumSet.of(Q), List.of(handler));
             TestEngine two = engines.engine(redis, "prio-two", EnumSet.of(Q), List.of(handler))) {
            Set<String> last = new HashSet<>(one.store.enqueueAt(10, JobType.SYSTEM_HEALTH_CHECK, PER_PRIORITY, "{}"));
            Set<String> normal = new HashSet<>(one.store.enqueueAt(5, JobType.SYSTEM_HEALTH_CHECK, PER_PRIORITY, "{}"));
            Set<String> first = new HashSet<>(one.store.enqueueAt(1, JobType.SYSTEM_HEALTH_CHECK, PER_PRIORITY, "{}"));

            one.start();
            two.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> started.size() >= 3 * PER_PRIORITY);

            // Claims of the two workers interleave and a batch's jobs start in any order, so the bounds are loose:
            // the rule gives priority 1 nine starts of ten while it waits, and 5 and 10 one in twenty each.
            List<String> early = started.subList(0, 200);
            assertThat(early.stream().filter(first::contains).count()).isGreaterThanOrEqualTo(170);
            assertThat(early.stream().filter(last::contains).count()).as("priority 10 progresses").isBetween(4L, 20L);
            assertThat(early.stream().filter(normal::contains).count()).isBetween(4L, 20L);
            assertThat(averagePosition(started, first)).isLessThan(averagePosition(started, normal));
            assertThat(averagePosition(started, normal)).isLessThan(averagePosition(started, last));
            assertThat(new HashSet<>(started)).hasSize(3 * PER_PRIORITY);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(one.store.redis.hash(String.class)
                    .hget(QueueKeys.of(Q).counts(), "active")).isEqualTo("0"));
            one.store.assertInvariant(Q);
        }
    }

    private static double averagePosition(List<String> started, Set<String> ids) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < started.size(); i++) {
            if (ids.contains(started.get(i))) {
                sum += i;
                n++;
            }
        }
        return sum / n;
    }
}
