package io.streamq.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.job.JobView;
import io.streamq.testing.PeerServer;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(PeersTestResource.class)
class AiHandlersTest {

    static final String CHAT = "/ai/v1/chat/completions";
    static final String COMPLETION = """
            {"model":"gpt-test","choices":[{"message":{"role":"assistant","content":"Hello from the model"},
             "finish_reason":"stop"}],"usage":{"prompt_tokens":7,"completion_tokens":4,"total_tokens":11}}""";

    @Inject
    Jobs jobs;

    @Test
    void generateTextStoresTextAndUsageAndSendsThePrompt() throws Exception {
        PeerServer peer = Peers.http();
        peer.onJson(CHAT, 200, COMPLETION);

        JobView job = jobs.await(jobs.enqueue(JobType.AI_GENERATE_TEXT,
                "{\"prompt\":\"Say hello\",\"model\":\"gpt-test\",\"maxTokens\":20,\"temperature\":0.5}"), "completed");
        List<String> lines = jobs.logLines(job.id());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("AI API POST 127\\.0\\.0\\.1:\\d+/ai/v1/chat/completions answered 200 in \\d+ ms");
        assertThat(lines.get(1)).isEqualTo("Chat completion by gpt-test: 20 characters, finish stop, 11 tokens "
                + "(7 prompt, 4 completion)");
        // Neither the key nor the producer's content.
        assertThat(String.join("\n", lines)).doesNotContain("test-ai-key", "Bearer", "Say hello", "Hello from");

        JsonNode result = jobs.result(job);
        assertThat(result.path("text").asText()).isEqualTo("Hello from the model");
        assertThat(result.path("usage").path("totalTokens").asLong()).isEqualTo(11);
        PeerServer.Request request = peer.received(CHAT).getLast();
        assertThat(request.headers().get("authorization")).isEqualTo("Bearer test-ai-key");
        assertThat(request.body()).contains("\"model\":\"gpt-test\"").contains("\"content\":\"Say hello\"")
                .contains("\"max_tokens\":20");
    }

    @Test
    void summarizeUsesTheConfiguredModel() throws Exception {
        PeerServer peer = Peers.http();
        peer.onJson(CHAT, 200, COMPLETION.replace("Hello from the model", "Short summary"));

        JobView job = jobs.await(jobs.enqueue(JobType.AI_SUMMARIZE_DOCUMENT,
                "{\"documentId\":\"doc-1\",\"text\":\"A long document.\"}"), "completed");

        assertThat(jobs.result(job).path("summary").asText()).isEqualTo("Short summary");
        assertThat(jobs.progress(job).toString()).isEqualTo("{\"percent\":100,\"data\":{\"tokens\":11}}");
        assertThat(jobs.logLines(job.id())).hasSize(2).noneMatch(l -> l.contains("test-ai-key")
                || l.contains("A long document") || l.contains("Short summary"));
        assertThat(jobs.result(job).path("documentId").asText()).isEqualTo("doc-1");
        assertThat(peer.received(CHAT).getLast().body()).contains("\"model\":\"summarizer-1\"")
                .contains("A long document.");
    }

    @Test
    void embedStoresVectorAndDimensions() throws Exception {
        PeerServer peer = Peers.http();
        peer.onJson("/ai/v1/embeddings", 200, """
                {"model":"embed-test","data":[{"embedding":[0.1,-0.2,0.3]}],"usage":{"prompt_tokens":3,"total_tokens":3}}""");

        JobView job = jobs.await(jobs.enqueue(JobType.AI_EMBED_CONTENT,
                "{\"contentId\":\"c-1\",\"text\":\"vector me\",\"model\":\"embed-test\"}"), "completed");

        JsonNode result = jobs.result(job);
        assertThat(result.path("dimensions").asInt()).isEqualTo(3);
        assertThat(result.path("embedding").get(1).asDouble()).isEqualTo(-0.2);
        assertThat(peer.received("/ai/v1/embeddings").getLast().body()).contains("\"input\":\"vector me\"");
    }

    @Test
    void moderationReportsFlags() throws Exception {
        Peers.http().onJson("/ai/v1/moderations", 200, """
                {"model":"mod-1","results":[{"flagged":true,"categories":{"hate":false,"violence":true},
                 "category_scores":{"hate":0.01,"violence":0.93}}]}""");

        JobView job = jobs.await(jobs.enqueue(JobType.AI_MODERATE_CONTENT,
                "{\"contentId\":\"c-2\",\"text\":\"something\"}"), "completed");

        JsonNode result = jobs.result(job);
        assertThat(result.path("flagged").asBoolean()).isTrue();
        assertThat(result.path("flaggedCategories").toString()).isEqualTo("[\"violence\"]");
    }

    @Test
    void slowAnswerTimesOutAndTheRetrySucceeds() throws Exception {
        // ai.generate-text has a 1 s timeout in the test profile.
        PeerServer peer = Peers.http();
        peer.on(CHAT, (n, r) -> n == 1 ? PeerServer.Answer.slow(2500, COMPLETION)
                : PeerServer.Answer.json(200, COMPLETION));

        JobView job = jobs.await(jobs.enqueue(JobType.AI_GENERATE_TEXT,
                "{\"prompt\":\"slow\",\"model\":\"gpt-test\",\"maxTokens\":5}"), "completed");

        assertThat(job.attempts()).isEqualTo(2);
        assertThat(job.lastError().code()).isEqualTo("timeout");
        assertThat(jobs.result(job).path("text").asText()).isEqualTo("Hello from the model");
    }

    @Test
    void serverErrorIsRetriedAndClientErrorIsNot() throws Exception {
        PeerServer peer = Peers.http();
        peer.on("/ai/v1/embeddings", (n, r) -> n == 1 ? PeerServer.Answer.json(503, "{}")
                : PeerServer.Answer.json(200, "{\"data\":[{\"embedding\":[1.0]}]}"));
        JobView retried = jobs.await(jobs.enqueue(JobType.AI_EMBED_CONTENT,
                "{\"contentId\":\"c-3\",\"text\":\"x\",\"model\":\"embed-test\"}"), "completed");
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(retried.lastError().code()).isEqualTo("http-server-error");
        assertThat(retried.lastError().name()).isEqualTo("HttpStatusFailure");
        assertThat(jobs.logLines(retried.id())).filteredOn(l -> l.startsWith("AI API POST "))
                .extracting(l -> l.replaceAll(" in \\d+ ms$", "").replaceAll("^.*/ai/v1", ""))
                .containsExactly("/embeddings answered 503", "/embeddings answered 200");

        peer.onJson("/ai/v1/moderations", 400, "{\"error\":\"bad input\"}");
        JobView failed = jobs.await(jobs.enqueue(JobType.AI_MODERATE_CONTENT,
                "{\"contentId\":\"c-4\",\"text\":\"x\"}"), "failed");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError().code()).isEqualTo("http-client-error");
        assertThat(failed.lastError().message()).isEqualTo("AI API answered HTTP 400");
        assertThat(peer.calls("/ai/v1/moderations")).isEqualTo(1);
    }
}
