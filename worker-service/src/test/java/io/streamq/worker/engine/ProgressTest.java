package io.streamq.worker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobLogLine;
import io.streamq.core.store.JobReports;
import io.streamq.core.testing.Published;
import io.streamq.testing.RedisTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A handler reporting progress and log lines as fast as it can costs Redis a few writes a second, in order. */
@QuarkusTest
class ProgressTest {

    @Inject
    Engines engines;

    @Inject
    WorkerConfig config;

    @Test
    void aChattyHandlerIsThrottledItsEventsArriveInOrderAndItsLogStaysBounded() {
        AtomicInteger reports = new AtomicInteger();
        ScriptedHandler chatty = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK, c -> {
            long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
            while (System.nanoTime() < end) {
                int n = reports.incrementAndGet();
                c.progress(Math.min(99, n / 50), Map.of("step", n));
                Thread.onSpinWait();
            }
            for (int i = 0; i < 300; i++) {
                c.log("line %d %s", i, "x".repeat(1500));
            }
            // Dropped, not thrown: a bad report never fails the job.
            c.progress(101);
            c.progress(1, "y".repeat(JobReports.MAX_PROGRESS_BYTES));
            c.log("%d% done", 5);
            c.progress(100, Map.of("step", "done"));
            return null;
        });
        try (RedisTestServer redis = new RedisTestServer();
             Published published = Published.on(redis, Channels.JOB_EVENTS);
             TestEngine worker = engines.engine(redis, "chatty-worker", EnumSet.of(QueueName.SYSTEM),
                     List.of(chatty)).start()) {
            List<String> id = new ArrayList<>();
            List<JsonNode> events = published.events(() -> {
                id.add(worker.store.enqueue(JobType.SYSTEM_HEALTH_CHECK, "{}"));
                worker.store.awaitState(id.getFirst(), "completed", Duration.ofSeconds(10));
            });

            List<JsonNode> progress = events.stream().filter(e -> e.get("state").asText().equals("progress"))
                    .toList();
            long allowed = Duration.ofMillis(1200).dividedBy(config.progressInterval()) + 3;
            assertThat(reports.get()).as("progress calls the handler made").isGreaterThan(1_000);
            assertThat(progress).as("progress events published").hasSizeBetween(2, (int) allowed);
            List<Integer> percents = progress.stream().map(e -> e.get("progress").get("percent").asInt()).toList();
            assertThat(percents).isSorted().last().isEqualTo(100);
            assertThat(progress.getLast().get("progress").get("data").get("step").asText()).isEqualTo("done");
            assertThat(worker.store.job(id.getFirst()).progress())
                    .isEqualTo("{\"percent\":100,\"data\":{\"step\":\"done\"}}");

            List<JobLogLine> lines = worker.store.reports.logs(id.getFirst()).await().atMost(Duration.ofSeconds(5));
            assertThat(lines).hasSize(JobReports.MAX_LINES);
            assertThat(lines).allSatisfy(l -> {
                assertThat(l.line().length()).isLessThanOrEqualTo(JobReports.MAX_LINE_CHARS);
                assertThat(l.attempt()).isEqualTo(1);
            });
            assertThat(lines.getLast().line()).isEqualTo("%d% done [5]");
            assertThat(lines.get(lines.size() - 2).line()).startsWith("line 299 x");
            assertThat(lines.getFirst().line()).startsWith("line 101 x");
            assertThat(percents).allMatch(p -> p <= 100);
        }
    }
}
