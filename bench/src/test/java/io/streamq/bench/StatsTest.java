package io.streamq.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsTest {

    @Test
    void nearestRankPercentiles() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        assertEquals(50, Stats.percentile(oneToHundred, 50));
        assertEquals(90, Stats.percentile(oneToHundred, 90));
        assertEquals(99, Stats.percentile(oneToHundred, 99));
        assertEquals(100, Stats.percentile(oneToHundred, 100));
        assertEquals(1, Stats.percentile(oneToHundred, 0));
        assertEquals(1, Stats.percentile(oneToHundred, 0.5));
    }

    @Test
    void percentilesOfUnsortedAndSmallInputs() {
        long[] values = {9, 1, 5, 3, 7};
        assertEquals(5, Stats.percentile(values, 50));
        assertEquals(9, Stats.percentile(values, 99));
        assertEquals(9, Stats.percentile(values, 81));
        assertEquals(7, Stats.percentile(values, 80));
        assertEquals(9, values[0], "the input is not sorted in place");
        assertEquals(42, Stats.percentile(new long[]{42}, 99));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new long[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(values, 101));
    }

    @Test
    void exactSummary() {
        long[] ms = new long[1000];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = i < 990 ? 1 : 20;   // 1% slow
        }
        Stats.Percentiles p = Stats.exact(ms);
        assertEquals(new Stats.Percentiles(1000, 1, 1, 1, 20), p);
        ms[989] = 20;                   // now 1.1% slow: p99 is slow
        assertEquals(20, Stats.exact(ms).p99());
    }

    @Test
    void histogramSummaryAgreesWithExactWithinPrecision() {
        Histogram h = Stats.newHistogram();
        long[] micros = new long[10_000];
        for (int i = 0; i < micros.length; i++) {
            micros[i] = 100 + (i * 37L) % 9_900;
            h.recordValue(micros[i]);
        }
        Stats.Percentiles fromHistogram = Stats.of(h);
        Stats.Percentiles exact = Stats.exact(micros);
        assertEquals(exact.count(), fromHistogram.count());
        for (long[] pair : new long[][]{{exact.p50(), fromHistogram.p50()}, {exact.p90(), fromHistogram.p90()},
                {exact.p99(), fromHistogram.p99()}, {exact.max(), fromHistogram.max()}}) {
            assertTrue(Math.abs(pair[0] - pair[1]) <= pair[0] / 1000 + 1, pair[0] + " vs " + pair[1]);
        }
    }

    @Test
    void rates() {
        assertEquals(500.0, Stats.perSecond(1000, 2_000_000_000L), 1e-9);
        assertEquals(20_000.0, Stats.perSecond(200_000, 10_000_000_000L), 1e-9);
        assertEquals(0.0, Stats.perSecond(0, 1_000L), 1e-9);
        assertTrue(Double.isNaN(Stats.perSecond(5, 0)));
    }

    @Test
    void perJobCosts() {
        assertEquals(650.0, Stats.bytesPerJob(1_000_000, 66_000_000, 100_000), 1e-9);
        assertEquals(-1.0, Stats.bytesPerJob(200, 100, 100), 1e-9);
        // 1.88 s of Redis CPU for 20,000 jobs = 94 ms per 1,000 jobs
        assertEquals(94.0, Stats.cpuMsPerThousandJobs(1.88, 20_000), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Stats.cpuMsPerThousandJobs(1, 0));
    }

    @Test
    void aiPayloadIsAboutHundredBytes() {
        int size = BenchJobs.aiPayload(12345).length();
        assertTrue(size >= 90 && size <= 115, "payload of " + size + " bytes");
        assertEquals(BenchJobs.aiPayload(0).length(), BenchJobs.aiPayload(99_999_999).length());
    }

    @Test
    void jsonHelpers() {
        String bulk = "{\"accepted\":500,\"duplicates\":0,\"rejected\":0,\"results\":[{\"index\":0,\"status\":\"accepted\","
                + "\"id\":\"system-1\"},{\"index\":1,\"status\":\"accepted\",\"id\":\"system-2\"}]}";
        assertEquals(500, Json.number(bulk, "accepted").orElseThrow());
        assertEquals("system-1", Json.firstId(bulk));
        assertEquals(2, Json.allIds(bulk).size());
        assertEquals(3, Json.number("{\"probe\":\"bench\",\"queueLatencyMs\":3,\"attempt\":1}", "queueLatencyMs")
                .orElseThrow());
    }
}
