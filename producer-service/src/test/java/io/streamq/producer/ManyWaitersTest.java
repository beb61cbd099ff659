package io.streamq.producer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.streamq.core.job.ClaimedJob;
import io.streamq.producer.Waiting.Answer;
import io.streamq.producer.wait.JobWaiters;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.streamq.producer.CancelTest.QUEUE;
import static io.streamq.producer.CancelTest.TYPE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand reads wait at once and are all answered with their final state when their jobs finish in bursts of a
 * hundred, while enqueues and plain reads of the same replica keep succeeding, before and during the wake-ups.
 */
@QuarkusTest
@TestProfile(ManyWaitersProfile.class)
@WithTestResource(RedisTestResource.class)
class ManyWaitersTest {

    static final int WAITERS = 1000;

    @TestHTTPResource("/")
    URI base;

    @Inject
    TestWorker worker;

    @Inject
    JobWaiters waiters;

    private final String token = TestTokens.producerOf(Api.newTenant());

    @Test
    void thousandWaitersGetTheirFinalStateWhileOtherRequestsSucceed() throws Exception {
        List<String> ids = enqueueMany();
        List<CompletableFuture<Answer>> waiting = new ArrayList<>();
        for (String id : ids) {
            waiting.add(Waiting.get(base, token, Waiting.waitPath(id, 60)));
        }
        OtherRequests others = new OtherRequests(ids.getFirst());
        Thread traffic = Thread.ofPlatform().name("other-requests").start(others);
        try {
            Waiting.await("all waiters registered", () -> waiters.size() == WAITERS);
            List<ClaimedJob> claimed = worker.claim(QUEUE, ids);

            worker.complete(claimed);

            for (CompletableFuture<Answer> w : waiting) {
                Answer answer = w.get(30, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
                assertThat(answer.state()).isEqualTo("completed");
            }
        } finally {
            others.stop.set(true);
            traffic.join(10_000);
        }
        assertThat(others.failures).isEmpty();
        assertThat(others.done.get()).isGreaterThan(0);
        Waiting.await("waiters removed", () -> waiters.size() == 0);
    }

    private List<String> enqueueMany() {
        ArrayNode jobs = Api.JSON.createArrayNode();
        for (int i = 0; i < WAITERS; i++) {
            jobs.add(Api.job(TYPE, PayloadExamples.valid(TYPE)));
        }
        Response r = Api.postBulk(token, Api.JSON.createObjectNode().set("jobs", jobs).toString());
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        return r.jsonPath().getList("results.id", String.class);
    }

    /** Enqueues and plain reads, one after the other, until stopped; anything but a 2xx is a failure. */
    private final class OtherRequests implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger done = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final String readId;

        OtherRequests(String readId) {
            this.readId = readId;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                check(HttpRequest.newBuilder(base.resolve("/v1/jobs")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Api.sampleJob().toString())));
                check(HttpRequest.newBuilder(base.resolve("/v1/jobs/" + readId)).GET());
            }
        }

        private void check(HttpRequest.Builder request) {
            try {
                HttpResponse<String> r = Waiting.HTTP.send(request.header("Authorization", "Bearer " + token)
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) {
                    failures.add(r.statusCode() + " " + r.body());
                }
                done.incrementAndGet();
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }
    }
}
