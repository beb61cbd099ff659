package io.streamq.dlq.query;

import io.streamq.core.store.Batches;
import io.streamq.core.store.DlqStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the payloads of a walk's chunk in parts of at most {@link DlqStore#PAYLOAD_BYTES}, by their sizes (HSTRLEN)
 * read first. Payloads are stored whole and can be megabytes: 500 of them in one pipelined read would be one reply
 * of up to a gigabyte in Redis's output buffer and in memory here. The caller reads a part, uses it and drops it
 * before reading the next. Blocking: call it off the event loop.
 */
@ApplicationScoped
public class DlqPayloads {

    private final DlqReader reader;

    public DlqPayloads(DlqReader reader) {
        this.reader = reader;
    }

    /** An entry of a chunk that still exists, with the size of its payload. */
    public record Row(String id, Map<String, String> fields, long payloadBytes) {
    }

    /** The chunk's entries ({@code entries[i]} the fields of {@code ids[i]}) that exist, in parts bounded by bytes. */
    public List<List<Row>> parts(List<String> ids, List<Map<String, String>> entries) {
        List<String> present = new ArrayList<>(ids.size());
        List<Map<String, String>> fields = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (!entries.get(i).isEmpty()) {
                present.add(ids.get(i));
                fields.add(entries.get(i));
            }
        }
        List<Long> sizes = reader.payloadSizes(present);
        List<Row> rows = new ArrayList<>(present.size());
        for (int i = 0; i < present.size(); i++) {
            rows.add(new Row(present.get(i), fields.get(i), sizes.get(i)));
        }
        return Batches.of(rows, Integer.MAX_VALUE, DlqStore.PAYLOAD_BYTES, Row::payloadBytes);
    }

    /** The part's entries with their payloads, read now; an entry deleted since is left out. */
    public List<Map<String, String>> read(List<Row> part) {
        List<String> payloads = reader.payloads(part.stream().map(Row::id).toList());
        List<Map<String, String>> out = new ArrayList<>(part.size());
        for (int i = 0; i < part.size(); i++) {
            if (payloads.get(i) != null) {
                Map<String, String> e = new HashMap<>(part.get(i).fields());
                e.put("payload", payloads.get(i));
                out.add(e);
            }
        }
        return out;
    }
}
