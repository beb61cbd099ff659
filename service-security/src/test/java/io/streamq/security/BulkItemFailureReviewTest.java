package io.streamq.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.Channels;
import io.streamq.security.audit.AuditKind;
import io.streamq.security.audit.AuditLog;
import io.streamq.security.audit.AuditQuery;
import io.streamq.security.bulk.BulkItem;
import io.streamq.security.bulk.IdsRequest;
import io.streamq.testing.RedisSubscriber;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Review reproductions (issue 12): one failing or stuck item of an owner bulk. Both failed before the fix: a failed item fails
 * the whole bulk after the others were applied (no event names them), and a stuck item holds the bulk forever.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class BulkItemFailureReviewTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> IDS = List.of("g-1", "g-2", "g-3", "g-4", "g-5");

    @Inject
    AuditLog audit;

    @BeforeEach
    void reset() {
        ReviewBulkResource.APPLIED.clear();
    }

    @AfterAll
    static void release() {
        ReviewBulkResource.STUCK.complete(new BulkItem("g-3", false, "released"));
    }

    @Test
    void aFailedItemIsAnsweredAsThatItemsFailureAndTheAppliedOnesAreStillPublished() throws Exception {
        String actor = "review-fail-" + System.nanoTime();
        try (RedisSubscriber events = new RedisSubscriber(RedisTestResource.server().port(), Channels.OWNER_ACTIONS)) {
            Response response = post(actor, "fail");

            assertThat(response.statusCode()).as("a bulk of 5 with one failed item (applied meanwhile: "
                    + ReviewBulkResource.APPLIED + "): " + response.asString()).isEqualTo(200);
            assertThat(response.jsonPath().getInt("successCount")).isEqualTo(4);
            assertThat(response.jsonPath().getList("results.id", String.class)).containsExactlyElementsOf(IDS);
            await().atMost(WAIT).until(() -> !events.messages.isEmpty());
            assertThat(events.messages).singleElement().asString().contains("g-1", "g-5");
        }
        assertThat(audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor)).await().atMost(WAIT).items())
                .hasSize(2);
    }

    @Test
    void aStuckItemDoesNotHoldTheWholeBulkForever() throws Exception {
        String actor = "review-hang-" + System.nanoTime();
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> post(actor, "hang"));
        await().atMost(WAIT).until(() -> ReviewBulkResource.APPLIED.size() == 4);
        Response response;
        try {
            // Far beyond any per-call timeout a Redis-backed item could need.
            response = answer.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the bulk had not answered 20 s after its other 4 items were applied: "
                    + "no item is ever timed out", e);
        }
        assertThat(response.jsonPath().getInt("successCount")).isEqualTo(4);
    }

    private static Response post(String actor, String mode) {
        try {
            return AuthMatrixTest.bearer(TestTokens.owner(actor)).contentType("application/json")
                    .body(JSON.writeValueAsString(new IdsRequest(IDS))).post("/test/review-bulk/" + mode);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
