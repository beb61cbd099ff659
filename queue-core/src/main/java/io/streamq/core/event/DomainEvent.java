package io.streamq.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message on a domain channel ({@link DomainEventType#channel()}): what a job's handler did, for the console's
 * workflows, analytics and plugins rooms. Identifiers, names, counts and status codes only: never a payload, an
 * engine's answer, a URL or a secret. {@code jobId} and {@code tenant} are absent where no one job is meant (a
 * coalesced count) or the job has no tenant; {@code ts} is the publishing worker's clock (ms).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DomainEvent(DomainEventType type, String jobId, String queue, String tenant, long ts,
                          Map<String, Object> data) {

    public DomainEvent {
        tenant = tenant == null || tenant.isEmpty() ? null : tenant;
        // Absent values are left out, so a field is either there with a value or not there at all.
        Map<String, Object> present = new LinkedHashMap<>();
        if (data != null) {
            data.forEach((k, v) -> {
                if (v != null) {
                    present.put(k, v);
                }
            });
        }
        data = Collections.unmodifiableMap(present);
    }

    /** A {@code data} object from names and values in turn; a null value leaves its name out. */
    public static Map<String, Object> fields(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return fields;
    }
}
