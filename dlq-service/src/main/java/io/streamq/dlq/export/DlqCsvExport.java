package io.streamq.dlq.export;

import io.streamq.core.store.DlqEntry;
import io.streamq.dlq.query.DlqFilter;
import io.streamq.dlq.query.DlqSearch;
import io.streamq.dlq.query.Source;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The CSV export (docs/dlq.md#api): the list's filters, every matching entry, written page by page as read, so memory
 * stays constant however large the DLQ is. The search is not bounded here (an export is meant to be complete).
 */
@ApplicationScoped
public class DlqCsvExport {

    static final List<String> HEADER = List.of("Job ID", "Original Queue", "Original Job ID", "Original Job Name",
            "Error Code", "Error Message", "First Failed At", "Last Failed At", "Replay Count", "Payload");

    private final DlqSearch search;

    public DlqCsvExport(DlqSearch search) {
        this.search = search;
    }

    /** Writes the CSV to {@code out}; answers how many rows (without the header). Blocking. */
    public long write(DlqFilter filter, OutputStream out) {
        Source source = search.plan(filter);
        write(out, Csv.row(HEADER));
        long[] rows = {0};
        search.walk(source, filter, Long.MAX_VALUE, true, entries -> {
            StringBuilder page = new StringBuilder();
            for (DlqEntry e : entries) {
                page.append(Csv.row(Arrays.asList(e.id(), e.originalQueue(), e.originalJobId(),
                        e.originalJobName(), e.errorCode(), e.errorMessage(), iso(e.firstFailedAt()),
                        iso(e.lastFailedAt()), Integer.toString(e.replayCount()), e.payload())));
                rows[0]++;
            }
            write(out, page.toString());
        });
        return rows[0];
    }

    private static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
