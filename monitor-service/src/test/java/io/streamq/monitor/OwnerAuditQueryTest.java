package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /owner/audit with query parameters Redis would refuse as stream range bounds: a cursor that is not the
 * {@code next} of a page is a 400 naming {@code cursor}, never a 500; instants outside the stream ids' range are
 * clamped.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class OwnerAuditQueryTest {

    private static final String OWNER = TestTokens.owner("audit-reader");

    @Test
    void aMalformedCursorIsA400NamingIt() {
        for (String bad : List.of("../../x", "x", "1-2-3", "-1-0", "1-", "99999999999999999999-0", "(1-0", "+", "-")) {
            Response r = Api.assertProblem(Api.as(OWNER).queryParam("cursor", bad).get("/owner/audit"), 400);
            assertThat(r.jsonPath().getList("errors.field", String.class)).as(bad).containsExactly("cursor");
        }
    }

    @Test
    void theNextOfAPageIsAValidCursor() {
        // A pause writes an attempt and a success entry.
        Api.post(OWNER, "/owner/queues/email/pause", null).then().statusCode(200);
        Api.post(OWNER, "/owner/queues/email/resume", null).then().statusCode(200);
        String next = Api.get(OWNER, "/owner/audit?limit=1").then().statusCode(200).extract().path("next");
        assertThat(next).isNotNull();
        List<String> ids = Api.as(OWNER).queryParam("cursor", next).queryParam("limit", 1).get("/owner/audit").then()
                .statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(ids).hasSize(1).doesNotContain(next);
    }

    @Test
    void instantsBeyondTheStreamIdRangeAreClamped() {
        Api.as(OWNER).queryParam("from", "-1000000000-01-01T00:00:00Z").queryParam("to", "+1000000000-12-31T23:59:59Z")
                .get("/owner/audit").then().statusCode(200);
        List<Object> none = Api.as(OWNER).queryParam("to", "1900-01-01T00:00:00Z").get("/owner/audit").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(none).isEmpty();
    }
}
