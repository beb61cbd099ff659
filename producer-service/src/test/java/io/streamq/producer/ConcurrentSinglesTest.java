package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.QueueName;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.streamq.producer.Api.sampleJob;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single enqueues arriving together share script calls (EnqueueBatcher): each request must still get exactly its own
 * answer, idempotency keys must still collapse repeats into one job, and a call that fails must fail its requests
 * without losing or doubling a job once Redis is back.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ConcurrentSinglesTest {

    private static final int KEYS = 40;
    private static final int REPEATS_PER_KEY = 3;
    private static final int WITHOUT_KEY = 120;

    private record Sent(String key, String queue, Response answer) {
    }

    @Test
    void concurrentRequestsEachGetTheirOwnJobAndRepeatedKeysOneJob() throws Exception {
        String token = TestTokens.producerOf(Api.newTenant());
        long aiBefore = TestRedis.streamLength(QueueName.AI);
        long systemBefore = TestRedis.streamLength(QueueName.SYSTEM);
        String run = UUID.randomUUID().toString();
        List<String[]> bodies = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            for (int r = 0; r < REPEATS_PER_KEY; r++) {
                bodies.add(new String[]{"k" + k, "ai",
                        sampleJob().put("idempotencyKey", "c-" + run + "-" + k).toString()});
            }
        }
        for (int i = 0; i < WITHOUT_KEY; i++) {
            // Two queues interleaved: each has its own lane of calls.
            bodies.add(i % 2 == 0 ? new String[]{null, "ai", sampleJob().toString()}
                    : new String[]{null, "system", "{\"name\":\"system.health-check\",\"payload\":{\"probe\":\"p" + i
                    + "\"}}"});
        }
        List<Sent> sent = sendTogether(token, bodies);

        Map<String, Set<String>> idsByKey = new ConcurrentHashMap<>();
        Map<String, Integer> createdByKey = new ConcurrentHashMap<>();
        Set<String> keylessIds = new HashSet<>();
        for (Sent s : sent) {
            Response r = s.answer();
            assertThat(r.statusCode()).as(r.asString()).isIn(200, 202);
            String id = r.jsonPath().getString("id");
            assertThat(r.jsonPath().getString("queue")).isEqualTo(s.queue());
            assertThat(r.header("Location")).isEqualTo("/v1/jobs/" + id);
            if (s.key() == null) {
                assertThat(r.statusCode()).isEqualTo(202);
                assertThat(keylessIds.add(id)).as("a keyless job's id is its own").isTrue();
            } else {
                idsByKey.computeIfAbsent(s.key(), k -> ConcurrentHashMap.newKeySet()).add(id);
                createdByKey.merge(s.key(), r.statusCode() == 202 ? 1 : 0, Integer::sum);
            }
        }
        assertThat(idsByKey).hasSize(KEYS).allSatisfy((key, ids) -> assertThat(ids).as(key).hasSize(1));
        assertThat(createdByKey).allSatisfy((key, created) -> assertThat(created).as(key).isEqualTo(1));
        assertThat(TestRedis.streamLength(QueueName.AI) - aiBefore).isEqualTo(KEYS + WITHOUT_KEY / 2);
        assertThat(TestRedis.streamLength(QueueName.SYSTEM) - systemBefore).isEqualTo(WITHOUT_KEY / 2);
    }

    @Test
    void requestsCaughtByARedisOutageFailAndTheNextOnesSucceed() throws Exception {
        String token = TestTokens.producerOf(Api.newTenant());
        String run = UUID.randomUUID().toString();
        List<String[]> bodies = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            bodies.add(new String[]{"o" + i, "ai", sampleJob().put("idempotencyKey", "o-" + run + "-" + i).toString()});
        }
        Thread outage = Thread.ofVirtual().start(() -> RedisTestResource.server().restart(Duration.ofMillis(1500)));
        List<Sent> during = sendTogether(token, bodies);
        outage.join();
        for (Sent s : during) {
            assertThat(s.answer().statusCode()).as(s.answer().asString()).isIn(200, 202, 429, 500, 503);
        }
        // Sent again once Redis is back: every key names exactly one job, whether its first try got through or not.
        List<Sent> again = sendTogether(token, bodies);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < again.size(); i++) {
            Response r = again.get(i).answer();
            assertThat(r.statusCode()).as(r.asString()).isIn(200, 202);
            ids.add(r.jsonPath().getString("id"));
            Response first = during.get(i).answer();
            if (first.statusCode() == 202) {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
            }
        }
        assertThat(ids).hasSize(bodies.size());
    }

    /** Every body on its own thread, released at once, so they reach the producer together. */
    private static List<Sent> sendTogether(String token, List<String[]> bodies) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Sent>> futures = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String[] b : bodies) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return new Sent(b[0], b[1], Api.post(token, b[2]));
                }));
            }
            go.countDown();
            List<Sent> out = new ArrayList<>();
            for (Future<Sent> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }
}
