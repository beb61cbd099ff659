package io.streamq.core.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchesTest {

    @Test
    void slicesKeepOrderAndBothBoundsAndAHeavyItemGoesAlone() {
        List<Integer> weights = List.of(400, 400, 400, 5_000, 10, 10, 10, 10);

        List<List<Integer>> slices = Batches.of(weights, 3, 1_000, w -> w);

        assertThat(slices).containsExactly(List.of(400, 400), List.of(400), List.of(5_000), List.of(10, 10, 10),
                List.of(10));
        assertThat(Batches.of(List.of(), 3, 1_000, (Integer w) -> w)).isEmpty();
        assertThat(Batches.of(List.of(1, 2, 3, 4, 5), 2)).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    }

    @Test
    void utf8LengthIsTheEncodedLength() {
        for (String s : List.of("", "ascii", "é and ß", "日本語", "emoji 😀 and 𝄞", "x".repeat(10_000))) {
            assertThat(Batches.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
