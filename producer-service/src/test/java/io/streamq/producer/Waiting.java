package io.streamq.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.QueueName;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** Reads that wait, sent asynchronously (java.net.http), and what the tests need to know about them. */
final class Waiting {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Waiting() {
    }

    /** An answer and when it arrived ({@link System#nanoTime()}). */
    record Answer(HttpResponse<String> response, long arrivedNanos) {
        int status() {
            return response.statusCode();
        }

        JsonNode json() {
            return Api.tree(response.body());
        }

        String state() {
            return json().path("state").asText();
        }
    }

    static CompletableFuture<Answer> get(URI base, String token, String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(90)).GET().build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r, System.nanoTime()));
    }

    static String waitPath(String jobId, int seconds) {
        return "/v1/jobs/" + jobId + "?wait=" + seconds;
    }

    /** The job is marked watched only after its waiter is registered: from then on, a finish reaches it. */
    static void awaitWatched(QueueName queue, String jobId) {
        await("job " + jobId + " watched", () -> "1".equals(TestRedis.jobField(queue, jobId, "watched")));
    }

    /** Polls a condition; for things that happen asynchronously, never for speed. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
