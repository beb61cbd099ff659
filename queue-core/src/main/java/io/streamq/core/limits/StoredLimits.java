package io.streamq.core.limits;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of {@code q:{Q}:limits} as commands/includes/claim-limits.lua reads them: absent (follow the config),
 * {@code none} (no limit), or the limit ({@code <jobs>/<perMs>} for the rate, {@code <n>} for max active).
 */
public final class StoredLimits {
    private StoredLimits() {
    }

    /** The value set-limits.lua takes: {@code ""} deletes the field. */
    public static String rate(LimitOverride<RateLimit> o) {
        return !o.set() ? "" : o.value() == null ? NONE : o.value().jobs() + "/" + o.value().perMs();
    }

    public static String maxActive(LimitOverride<Integer> o) {
        return !o.set() ? "" : o.value() == null ? NONE : o.value().toString();
    }

    /** @param rate the stored field, null when absent */
    public static LimitOverride<RateLimit> rate(String rate) {
        if (rate == null) {
            return LimitOverride.followConfig();
        }
        if (NONE.equals(rate)) {
            return LimitOverride.of(null);
        }
        Matcher m = RATE.matcher(rate);
        if (!m.matches()) {
            throw new IllegalStateException("unreadable stored rate limit: " + rate);
        }
        return LimitOverride.of(new RateLimit(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))));
    }

    /** @param maxActive the stored field, null when absent */
    public static LimitOverride<Integer> maxActive(String maxActive) {
        if (maxActive == null) {
            return LimitOverride.followConfig();
        }
        return LimitOverride.of(NONE.equals(maxActive) ? null : Integer.valueOf(maxActive));
    }

    private static final String NONE = "none";
    private static final Pattern RATE = Pattern.compile("(\\d+)/(\\d+)");
}
