package io.streamq.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.limits.LimitOverride;
import io.streamq.core.limits.OwnerLimits;
import io.streamq.core.limits.RateLimit;
import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code PUT /owner/queues/{q}/limits}: {@code {"rateLimit": {"jobs", "perMs"} | null, "maxActive": n | null}}.
 * Read from the JSON tree, since a field set to null (no limit, even where the config sets one) and a field left out
 * (follow the config's default) mean different things; every bad field is reported at once.
 */
final class LimitsRequest {
    private LimitsRequest() {
    }

    /** Bounds that keep the bucket's arithmetic exact and a typo from meaning "a week". */
    static final long MAX_JOBS = 1_000_000;
    static final long MAX_PER_MS = 86_400_000;
    static final long MAX_ACTIVE = 1_000_000;

    private static final Set<String> FIELDS = Set.of("rateLimit", "maxActive");
    private static final Set<String> RATE_FIELDS = Set.of("jobs", "perMs");

    static OwnerLimits read(JsonNode body) {
        List<FieldProblem> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw invalid(List.of(new FieldProblem("body", "must be a JSON object")));
        }
        JsonFields.unknown(body, FIELDS, "", errors);
        LimitOverride<RateLimit> rate = rate(body, errors);
        LimitOverride<Integer> maxActive = body.has("maxActive")
                ? LimitOverride.of(count(body.get("maxActive"), "maxActive", MAX_ACTIVE, true, errors))
                : LimitOverride.followConfig();
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new OwnerLimits(rate, maxActive);
    }

    private static LimitOverride<RateLimit> rate(JsonNode body, List<FieldProblem> errors) {
        if (!body.has("rateLimit")) {
            return LimitOverride.followConfig();
        }
        JsonNode rate = body.get("rateLimit");
        if (rate.isNull()) {
            return LimitOverride.of(null);
        }
        if (!rate.isObject()) {
            errors.add(new FieldProblem("rateLimit", "must be an object or null"));
            return LimitOverride.followConfig();
        }
        JsonFields.unknown(rate, RATE_FIELDS, "rateLimit.", errors);
        Integer jobs = count(rate.get("jobs"), "rateLimit.jobs", MAX_JOBS, false, errors);
        Integer perMs = count(rate.get("perMs"), "rateLimit.perMs", MAX_PER_MS, false, errors);
        return jobs == null || perMs == null ? LimitOverride.followConfig()
                : LimitOverride.of(new RateLimit(jobs, perMs));
    }

    /** A whole number from 1 to {@code max}; null when absent, null (where allowed) or invalid. */
    private static Integer count(JsonNode value, String field, long max, boolean nullable, List<FieldProblem> errors) {
        if (value == null || value.isNull()) {
            if (!nullable) {
                errors.add(new FieldProblem(field, "is required"));
            }
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            errors.add(new FieldProblem(field, "must be a whole number" + (nullable ? " or null" : "")));
            return null;
        }
        long n = value.longValue();
        if (n < 1 || n > max) {
            errors.add(new FieldProblem(field, "must be between 1 and " + max));
            return null;
        }
        return (int) n;
    }

    private static InvalidRequestException invalid(List<FieldProblem> errors) {
        return new InvalidRequestException("The limits have invalid fields; nothing was saved.", errors);
    }
}
