package io.streamq.producer.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.payload.FieldError;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads {@code {"jobs": [...]}}. The envelope must be right as a whole (else nothing is looked at further); the
 * items are then judged one by one, so one bad job does not hold back the others.
 */
@ApplicationScoped
public class BulkRequestReader {

    private final JobRequestReader jobs;

    public BulkRequestReader(JobRequestReader jobs) {
        this.jobs = jobs;
    }

    public BulkRead read(JsonNode body, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!"jobs".equals(field)) {
                errors.add(new FieldError(field, "is not a known field"));
            }
        }
        JsonNode list = body.get("jobs");
        if (list == null || list.isNull()) {
            errors.add(new FieldError("jobs", "is required"));
        } else if (!list.isArray()) {
            errors.add(new FieldError("jobs", "must be an array"));
        } else if (list.isEmpty() || list.size() > JobLimits.MAX_BULK_JOBS) {
            errors.add(new FieldError("jobs", "must hold 1 to " + JobLimits.MAX_BULK_JOBS + " jobs"));
        }
        if (!errors.isEmpty()) {
            return new BulkRead.Invalid(errors);
        }
        List<JobRead> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            items.add(jobs.read(list.get(i), "jobs[" + i + "]", caller));
        }
        return new BulkRead.Items(items);
    }
}
