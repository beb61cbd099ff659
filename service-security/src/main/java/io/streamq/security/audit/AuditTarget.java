package io.streamq.security.audit;

import java.util.List;
import java.util.Map;

/** What an action touched: a queue, job ids, and the filters that selected jobs (for bulk actions). */
public record AuditTarget(String queue, List<String> jobIds, Map<String, String> filters) {

    public AuditTarget {
        jobIds = jobIds == null ? List.of() : List.copyOf(jobIds);
        filters = filters == null ? Map.of() : Map.copyOf(filters);
    }

    public static AuditTarget queue(String queue) {
        return new AuditTarget(queue, List.of(), Map.of());
    }

    public static AuditTarget jobs(String queue, List<String> jobIds) {
        return new AuditTarget(queue, jobIds, Map.of());
    }

    public static AuditTarget none() {
        return new AuditTarget(null, List.of(), Map.of());
    }
}
