package io.streamq.dlq.query;

import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.dlq.DlqChunk;
import io.streamq.core.store.dlq.DlqCursor;
import io.streamq.core.store.dlq.DlqQueries;
import io.streamq.dlq.config.DlqConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lists and walks DLQ entries through the indexes, never over every entry:
 * <ul>
 * <li>one of originalQueue / jobName / errorCode (or none), with or without a time range: the index is exactly the
 * answer; total is a ZCOUNT and the page is read by rank: O(log n + page) at any depth;</li>
 * <li>only minReplayCount (with or without originalQueue): the replay index, highest replay count first;</li>
 * <li>anything else (search, several filters): the narrowest candidate index is walked newest first, at most
 * {@code search-scan-limit} candidates, and the answer says {@code searchLimited} when it stopped early.</li>
 * </ul>
 * Blocking: call it off the event loop.
 */
@ApplicationScoped
public class DlqSearch {

    static final int CHUNK = 500;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DlqQueries queries;
    private final DlqPayloads payloads;
    private final DlqConfig config;

    public DlqSearch(DlqQueries queries, DlqPayloads payloads, DlqConfig config) {
        this.queries = queries;
        this.payloads = payloads;
        this.config = config;
    }

    public Source plan(DlqFilter f) {
        List<String> timeIndexes = new ArrayList<>();
        if (f.originalQueue() != null) {
            timeIndexes.add(DlqKeys.byQueue(f.originalQueue()));
        }
        if (f.jobName() != null) {
            timeIndexes.add(DlqKeys.byJobName(f.jobName()));
        }
        if (f.errorCode() != null) {
            timeIndexes.add(DlqKeys.byErrorCode(f.errorCode()));
        }
        boolean noText = f.search() == null;
        if (noText && f.minReplayCount() == null && timeIndexes.size() <= 1) {
            String index = timeIndexes.isEmpty() ? DlqKeys.all() : timeIndexes.getFirst();
            Source s = Source.time(index, f, true, 0);
            return new Source(s.index(), s.max(), s.min(), true, true, count(index, s.min(), s.max()));
        }
        if (noText && f.minReplayCount() != null && f.jobName() == null && f.errorCode() == null && f.from() == null
                && f.to() == null) {
            Source s = Source.replays(f, true, 0);
            return new Source(s.index(), s.max(), s.min(), false, true, count(s.index(), s.min(), s.max()));
        }
        if (timeIndexes.isEmpty()) {
            timeIndexes.add(DlqKeys.all());
        }
        Source best = null;
        for (String index : timeIndexes) {
            Source s = Source.time(index, f, false, 0);
            long size = count(index, s.min(), s.max());
            if (best == null || size < best.size()) {
                best = new Source(index, s.max(), s.min(), true, false, size);
            }
        }
        if (f.minReplayCount() != null) {
            Source s = Source.replays(f, false, 0);
            long size = count(s.index(), s.min(), s.max());
            if (size < best.size()) {
                best = new Source(s.index(), s.max(), s.min(), false, false, size);
            }
        }
        return best;
    }

    public DlqPage page(DlqFilter f, int page, int pageSize) {
        Source s = plan(f);
        long offset = (long) (page - 1) * pageSize;
        if (s.exact()) {
            List<String> ids = queries.newestFirst(s.index(), s.max(), s.min(), offset, pageSize).await()
                    .atMost(WAIT).ids();
            List<DlqSummary> data = queries.listed(ids).await().atMost(WAIT).stream().map(DlqSummary::of).toList();
            return new DlqPage(data, page, pageSize, s.size(), false, 0);
        }
        // Summaries only: a search reads payloads to match them, and they need not outlive their chunk.
        List<DlqSummary> matches = new ArrayList<>();
        long limit = config.searchScanLimit();
        long scanned = walk(s, f, limit, f.search() != null,
                chunk -> chunk.forEach(e -> matches.add(DlqSummary.of(e))));
        if (!s.timeScored()) {
            matches.sort(Comparator.comparingLong(DlqSummary::lastFailedAt).reversed());
        }
        List<DlqSummary> data = matches.stream().skip(offset).limit(pageSize).toList();
        return new DlqPage(data, page, pageSize, matches.size(), s.size() > scanned, scanned);
    }

    /**
     * Walks the source newest first (by its score) in chunks, handing the matching entries to {@code sink} a part at
     * a time; stops after {@code limit} candidates. Each chunk starts just after the last (score, member) of the one
     * before, found again in O(log n) (dlq-page.lua), so a chunk costs O(log n + chunk) at any depth and however many
     * members share a score. What a walk shows while entries change is in docs/dlq.md ("Paging"): every entry there
     * for the whole walk and not re-scored meanwhile exactly once, none twice.
     * With {@code withPayload} the payloads are read apart, in reads of at most {@link DlqStore#PAYLOAD_BYTES} by
     * their sizes, and each such part goes to the sink before the next is read: a chunk of 500 payloads of 2 MB
     * would otherwise be one gigabyte in one reply and in memory.
     *
     * @return how many candidates were looked at
     */
    public long walk(Source s, DlqFilter f, long limit, boolean withPayload, Consumer<List<DlqEntry>> sink) {
        DlqCursor after = null;
        long scanned = 0;
        while (scanned < limit) {
            int want = (int) Math.min(CHUNK, limit - scanned);
            DlqChunk chunk = (after == null ? queries.newestFirst(s.index(), s.max(), s.min(), 0, want)
                    : queries.newestFirst(s.index(), s.max(), s.min(), after, want)).await().atMost(WAIT);
            if (chunk.members().isEmpty()) {
                break;
            }
            scanned += chunk.members().size();
            List<DlqEntry> entries = queries.listed(chunk.ids()).await().atMost(WAIT);
            if (withPayload) {
                for (List<DlqPayloads.Row> part : payloads.parts(entries)) {
                    deliver(s, f, payloads.read(part), sink);
                }
            } else {
                deliver(s, f, entries, sink);
            }
            after = chunk.last();
            if (chunk.members().size() < want) {
                break;
            }
        }
        return scanned;
    }

    private static void deliver(Source s, DlqFilter f, List<DlqEntry> entries, Consumer<List<DlqEntry>> sink) {
        List<DlqEntry> matching = entries.stream().filter(e -> s.exact() || f.matches(e)).toList();
        if (!matching.isEmpty()) {
            sink.accept(matching);
        }
    }

    private long count(String index, String min, String max) {
        return queries.count(index, min, max).await().atMost(WAIT);
    }
}
