package io.streamq.monitor;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Short hands for calling the owner API. */
final class Api {
    private Api() {
    }

    static RequestSpecification as(String token) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return token == null ? spec : spec.auth().oauth2(token);
    }

    static Response get(String token, String path) {
        return as(token).get(path);
    }

    static Response post(String token, String path, String body) {
        return as(token).body(body == null ? "" : body).post(path);
    }

    static Response put(String token, String path, String body) {
        return as(token).body(body == null ? "" : body).put(path);
    }

    static Response assertProblem(Response r, int status) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getInt("status")).isEqualTo(status);
        return r;
    }
}
