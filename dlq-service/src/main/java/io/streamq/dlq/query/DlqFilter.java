package io.streamq.dlq.query;

import io.streamq.core.store.DlqEntry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The list/export filters; every field is optional (null). Times are epoch ms, inclusive.
 *
 * @param search case-insensitive text looked for in the job id, queue, job name, error message and payload
 */
public record DlqFilter(String search, String originalQueue, String jobName, String errorCode,
                        Integer minReplayCount, Long from, Long to) {

    public static DlqFilter none() {
        return new DlqFilter(null, null, null, null, null, null, null);
    }

    public DlqFilter {
        search = blankToNull(search);
        originalQueue = blankToNull(originalQueue);
        jobName = blankToNull(jobName);
        errorCode = blankToNull(errorCode);
        if (minReplayCount != null && minReplayCount <= 0) {
            minReplayCount = null; // every entry has at least 0 replays
        }
    }

    /** Whether one entry passes every filter. */
    public boolean matches(DlqEntry e) {
        if (originalQueue != null && !originalQueue.equals(e.originalQueue())) {
            return false;
        }
        if (jobName != null && !jobName.equals(e.originalJobName())) {
            return false;
        }
        if (errorCode != null && !errorCode.equals(e.errorCode())) {
            return false;
        }
        if (minReplayCount != null && e.replayCount() < minReplayCount) {
            return false;
        }
        if ((from != null && e.lastFailedAt() < from) || (to != null && e.lastFailedAt() > to)) {
            return false;
        }
        if (search != null) {
            String needle = search.toLowerCase(Locale.ROOT);
            return contains(e.originalJobId(), needle) || contains(e.originalQueue(), needle)
                    || contains(e.originalJobName(), needle) || contains(e.errorMessage(), needle)
                    || contains(e.payload(), needle);
        }
        return true;
    }

    /** For audit records: only the filters that are set. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "search", search);
        put(m, "originalQueue", originalQueue);
        put(m, "jobName", jobName);
        put(m, "errorCode", errorCode);
        put(m, "minReplayCount", minReplayCount);
        put(m, "from", from);
        put(m, "to", to);
        return m;
    }

    private static void put(Map<String, String> m, String k, Object v) {
        if (v != null) {
            m.put(k, v.toString());
        }
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
