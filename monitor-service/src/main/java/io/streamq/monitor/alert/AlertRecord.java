package io.streamq.monitor.alert;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.streamq.monitor.health.HealthIssue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One published alert of the history ({@code GET /owner/queues/alerts}), read from the JSON that was published. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertRecord(
        @Schema(description = "When it was published (Redis clock, epoch ms)")
        @JsonAlias("ts") long at,
        String queue,
        @Schema(description = "critical: the queue turned critical; recovered: it left critical")
        String status,
        @Schema(description = "The alert state before: ok or critical")
        String previous,
        @Schema(description = "Health score 0-100 when published")
        int score,
        String health,
        List<HealthIssue> issues) {
}
