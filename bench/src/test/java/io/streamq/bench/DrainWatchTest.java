package io.streamq.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DrainWatchTest {

    @Test
    void severalQueuesCountsAreSummedFieldByField() {
        Map<String, String> summed = DrainWatch.summed(List.of(
                Map.of("total:completed", "10", "waiting", "5"),
                Map.of("total:completed", "7", "total:failed", "1"),
                Map.of()));
        assertEquals(Map.of("total:completed", "17", "waiting", "5", "total:failed", "1"), summed);
        assertEquals(List.of("total:completed", "total:failed", "waiting"), List.copyOf(summed.keySet()),
                "sorted by field");
        assertEquals(17, DrainWatch.field(summed, "total:completed"));
    }

    @Test
    void oneQueuesCountsAreItsOwn() {
        Map<String, String> one = Map.of("total:completed", "3");
        assertEquals(one, DrainWatch.summed(List.of(one)));
    }
}
