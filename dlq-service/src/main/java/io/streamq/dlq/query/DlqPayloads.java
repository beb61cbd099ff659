package io.streamq.dlq.query;

import io.streamq.core.store.Batches;
import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.dlq.DlqQueries;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the payloads of a walk's chunk in parts of at most {@link DlqStore#PAYLOAD_BYTES}, by their sizes (HSTRLEN)
 * read first. Payloads are stored whole and can be megabytes: 500 of them in one pipelined read would be one reply
 * of up to a gigabyte in Redis's output buffer and in memory here. The caller reads a part, uses it and drops it
 * before reading the next. Blocking: call it off the event loop.
 */
@ApplicationScoped
public class DlqPayloads {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DlqQueries queries;

    public DlqPayloads(DlqQueries queries) {
        this.queries = queries;
    }

    /** An entry of a chunk, without its payload yet, and the size of that payload. */
    public record Row(DlqEntry entry, long payloadBytes) {
    }

    /** The chunk's entries in parts bounded by the bytes of their payloads. */
    public List<List<Row>> parts(List<DlqEntry> entries) {
        List<Long> sizes = queries.payloadSizes(entries.stream().map(DlqEntry::id).toList()).await().atMost(WAIT);
        List<Row> rows = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            rows.add(new Row(entries.get(i), sizes.get(i)));
        }
        return Batches.of(rows, Integer.MAX_VALUE, DlqStore.PAYLOAD_BYTES, Row::payloadBytes);
    }

    /** The part's entries with their payloads, read now; an entry deleted since is left out. */
    public List<DlqEntry> read(List<Row> part) {
        List<String> payloads = queries.payloads(part.stream().map(r -> r.entry().id()).toList()).await()
                .atMost(WAIT);
        List<DlqEntry> out = new ArrayList<>(part.size());
        for (int i = 0; i < part.size(); i++) {
            if (payloads.get(i) != null) {
                out.add(part.get(i).entry().withPayload(payloads.get(i)));
            }
        }
        return out;
    }
}
