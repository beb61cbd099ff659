package io.streamq.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WrkLoadTest {

    @Test
    void readsTheSummaryLineAndTheChildCpuThatTimesPrintsLast() throws IOException {
        WrkLoad.Result r = WrkLoad.parse(List.of(
                "Running 20s test @ http://127.0.0.1:1234/v1/jobs",
                "  2 threads and 64 connections",
                "STREAMQ-WRK requests=120000 status_errors=3 socket_errors=1 duration_us=20000000 p50=4100"
                        + " p90=7000 p99=12500 max=80000",
                "0m0.004s 0m0.002s",
                "1m2.500s 0m1.250s"), Path.of("wrk.out"));
        assertEquals(120_000, r.requests());
        assertEquals(3, r.failed());
        assertEquals(1, r.socketErrors());
        assertEquals(6_000.0, r.requestsPerSecond(), 1e-9);
        assertEquals(4100, r.micros().p50());
        assertEquals(12500, r.micros().p99());
        assertEquals(80000, r.micros().max());
        assertEquals(63.75, r.cpuSeconds(), 1e-9, "the children's line (the last), user + sys");
    }

    @Test
    void withoutTheSummaryLineTheRunFailsInsteadOfReportingZero() {
        assertThrows(IOException.class, () -> WrkLoad.parse(List.of("unable to connect to 127.0.0.1:1"), Path.of("x")));
    }

    @Test
    void aPacedScriptCarriesTheFractionOfEachPause() {
        String lua = WrkLoad.script("Bearer t\"x", "{\"a\":1}", 64, 5000);
        assertTrue(lua.contains("local pause = 12.3000"), lua);
        assertTrue(lua.contains("wrk.body = \"{\\\"a\\\":1}\""), lua);
        assertTrue(lua.contains("wrk.headers[\"Authorization\"] = \"Bearer t\\\"x\""), lua);
        assertTrue(!WrkLoad.script("Bearer t", "{}", 64, 0).contains("function delay"));
    }
}
