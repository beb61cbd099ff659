package io.streamq.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;

/** What every phase of one bench run shares: its options, the results it fills in, its log folder, one HTTP client. */
record BenchRun(Options options, Results results, Path logDir, HttpClient http) {

    /** A line of the report's notes: what looked wrong. */
    void note(String text) {
        results.notes.add(text);
    }
}
