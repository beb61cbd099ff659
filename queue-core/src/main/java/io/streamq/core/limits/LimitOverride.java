package io.streamq.core.limits;

/**
 * What an owner set for one limit: nothing ({@code set} false: the queue config's default applies), or a value that
 * replaces the default, where null means no limit even if the config sets one.
 */
public record LimitOverride<T>(boolean set, T value) {

    public static <T> LimitOverride<T> followConfig() {
        return new LimitOverride<>(false, null);
    }

    /** @param value null for no limit */
    public static <T> LimitOverride<T> of(T value) {
        return new LimitOverride<>(true, value);
    }

    public T or(T configDefault) {
        return set ? value : configDefault;
    }
}
