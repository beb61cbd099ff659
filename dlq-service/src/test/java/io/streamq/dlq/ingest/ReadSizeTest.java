package io.streamq.dlq.ingest;

import io.quarkus.redis.datasource.stream.StreamMessage;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A read's count follows the bytes the last read carried, between 1 and the configured batch. */
class ReadSizeTest {

    @Test
    void heavyReadsHalveTheCountAndLightOnesGrowItBackToTheBatch() {
        ReadSize size = new ReadSize(200);
        List<StreamMessage<String, String, String>> heavy = records(200, 100_000);

        size.after(heavy);
        assertThat(size.count()).isEqualTo(100);
        for (int i = 0; i < 10; i++) {
            size.after(heavy);
        }
        assertThat(size.count()).isEqualTo(1);

        List<StreamMessage<String, String, String>> light = records(1, 1_000);
        for (int i = 0; i < 10; i++) {
            size.after(light);
        }
        assertThat(size.count()).isEqualTo(200);
    }

    @Test
    void aReadOfModerateWeightKeepsTheCount() {
        ReadSize size = new ReadSize(200);
        size.after(records(100, 5_000));
        size.after(records(100, 3_000));

        assertThat(size.count()).isEqualTo(200);
    }

    private static List<StreamMessage<String, String, String>> records(int n, int payloadChars) {
        String payload = "p".repeat(payloadChars);
        return Collections.nCopies(n, new StreamMessage<>("q:{ai}:dead", "1-0", Map.of("payload", payload)));
    }
}
