package io.streamq.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.Channels;
import io.streamq.security.audit.AuditEntry;
import io.streamq.security.audit.AuditKind;
import io.streamq.security.audit.AuditLog;
import io.streamq.security.audit.AuditOutcome;
import io.streamq.security.audit.AuditQuery;
import io.streamq.security.bulk.BulkAction;
import io.streamq.security.bulk.BulkActions;
import io.streamq.security.bulk.BulkItem;
import io.streamq.security.bulk.BulkWork;
import io.streamq.security.bulk.IdRule;
import io.streamq.security.bulk.IdsRequest;
import io.streamq.testing.RedisSubscriber;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** The bulk owner action against the real audit log and owner-action channel, through a test endpoint. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class BulkActionsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AuditLog audit;

    @Inject
    BulkActions bulk;

    @BeforeEach
    void reset() {
        TestBulkResource.reset();
    }

    @Test
    void resultsKeepRequestOrderWhileAtMostTheCapRunAndOneEntryAndEventAreWritten() throws Exception {
        String actor = "bulker-" + System.nanoTime();
        List<String> ids = IntStream.rangeClosed(1, 40).mapToObj(i -> "g-" + i).toList();
        List<String> body = new ArrayList<>(ids);
        body.add("g-7");
        try (RedisSubscriber events = new RedisSubscriber(RedisTestResource.server().port(), Channels.OWNER_ACTIONS)) {
            CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> post(actor, "g", body));
            // Finish the newest started item each time the bulk has filled its window, so items end out of order.
            List<String> finishedOrder = new ArrayList<>();
            while (finishedOrder.size() < ids.size()) {
                int open = Math.min(BulkActions.PARALLELISM, ids.size() - finishedOrder.size());
                await().atMost(WAIT).until(() -> TestBulkResource.PENDING.size() == open);
                TestBulkResource.Pending newest = TestBulkResource.PENDING.pollLast();
                finishedOrder.add(newest.id());
                TestBulkResource.FINISHED.incrementAndGet();
                int n = Integer.parseInt(newest.id().substring(2));
                newest.done().complete(new BulkItem(newest.id(), n % 3 != 0, n % 3 != 0 ? null : "refused"));
            }
            Response response = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            assertThat(finishedOrder).as("items finished out of request order").isNotEqualTo(ids);
            assertThat(TestBulkResource.STARTED).as("duplicates count once, started in request order")
                    .containsExactlyElementsOf(ids);
            assertThat(TestBulkResource.MOST_IN_FLIGHT.get()).isEqualTo(BulkActions.PARALLELISM);
            assertThat(response.jsonPath().getList("results.id", String.class)).containsExactlyElementsOf(ids);
            assertThat(response.jsonPath().getList("results.success", Boolean.class)).containsExactlyElementsOf(
                    ids.stream().map(id -> Integer.parseInt(id.substring(2)) % 3 != 0).toList());
            assertThat(response.jsonPath().getInt("successCount")).isEqualTo(27);
            assertThat(response.jsonPath().getInt("failureCount")).isEqualTo(13);
            assertThat(response.jsonPath().getString("queue")).isEqualTo("g");
            assertThat(response.jsonPath().getString("action")).isEqualTo("touched");

            List<AuditEntry> entries = audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor)).await()
                    .atMost(WAIT).items();
            assertThat(entries).extracting(e -> e.action() + ":" + e.outcome())
                    .containsExactly("test.bulk-touch:SUCCESS", "test.bulk-touch:ATTEMPT");
            assertThat(entries.getFirst().attemptId()).isEqualTo(entries.get(1).id());
            assertThat(entries.get(1).target().jobIds()).containsExactlyElementsOf(ids);
            assertThat(entries.get(1).target().queue()).isEqualTo("g");
            assertThat(entries.get(1).params()).containsEntry("count", 40);

            await().atMost(WAIT).until(() -> !events.messages.isEmpty());
            List<JsonNode> published = new ArrayList<>();
            for (String m : events.messages) {
                published.add(JSON.readTree(m.substring(m.indexOf(' ') + 1)));
            }
            assertThat(published).singleElement().satisfies(e -> {
                assertThat(e.path("type").asText()).isEqualTo("owner.action");
                assertThat(e.path("action").asText()).isEqualTo("test.bulk-touch");
                assertThat(e.path("actor").asText()).isEqualTo(actor);
                assertThat(e.path("queue").asText()).isEqualTo("g");
                assertThat(e.path("jobIds")).hasSize(27);
                assertThat(e.path("result").path("successCount").asInt()).isEqualTo(27);
            });
        }
    }

    @Test
    void anIdTheRuleRefusesRejectsTheWholeBulkBeforeAnythingIsApplied() {
        String actor = "refused-" + System.nanoTime();
        Response refused = post(actor, "g", List.of("g-1", "h-2", "g-3", "g-", "g-5"));
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("detail"))
                .isEqualTo("Every id must be one of group g; nothing was applied.");
        assertThat(refused.jsonPath().getList("errors.field", String.class)).containsExactly("ids[1]", "ids[3]");
        assertThat(refused.jsonPath().getList("errors.message", String.class)).containsOnly("must be g-<number>");

        Response blank = post(actor, "g", List.of("g-1", " "));
        assertThat(blank.statusCode()).as(blank.asString()).isEqualTo(400);
        assertThat(blank.jsonPath().getList("errors.field", String.class)).containsExactly("ids[1]");
        Response empty = post(actor, "g", List.of());
        assertThat(empty.statusCode()).as(empty.asString()).isEqualTo(400);
        assertThat(empty.jsonPath().getList("errors.field", String.class)).containsExactly("ids");

        assertThat(TestBulkResource.STARTED).isEmpty();
        assertThat(audit.query(AuditQuery.of(AuditKind.MUTATION).actor(actor)).await().atMost(WAIT).items())
                .isEmpty();
    }

    @Test
    void moreThanAThousandIdsAreRefusedNamingIds() {
        List<String> ids = IntStream.rangeClosed(1, BulkActions.MAX_IDS + 1).mapToObj(i -> "g-" + i).toList();
        BulkAction action = new BulkAction("test.bulk-too-many", "g", null, IdRule.any());
        Throwable refused = catchThrowable(() -> bulk.run(action, new IdsRequest(ids), BulkWork.perItem(
                (id, actor) -> {
                    throw new AssertionError("applied " + id);
                })).await().atMost(WAIT));
        assertThat(refused).isInstanceOf(ConstraintViolationException.class);
        assertThat(((ConstraintViolationException) refused).getConstraintViolations())
                .singleElement().satisfies(v -> assertThat(v.getPropertyPath().toString()).isEqualTo("ids"));
        assertThat(audit.query(AuditQuery.of(AuditKind.MUTATION).action("test.bulk-too-many")).await().atMost(WAIT)
                .items()).isEmpty();
    }

    private static Response post(String actor, String group, List<String> ids) {
        try {
            return AuthMatrixTest.bearer(TestTokens.owner(actor)).contentType("application/json")
                    .body(JSON.writeValueAsString(new IdsRequest(ids))).post("/test/bulk/" + group);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
