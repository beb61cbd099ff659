package io.streamq.security.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts requests to this endpoint in a limit group ({@code reads}, {@code mutations}, {@code exports},
 * {@code enqueue}, or any configured under {@code streamq.security.rate-limit.<group>}), per client IP and per
 * user. On a method, or on a resource class for all its methods (the method's wins).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimited {
    String group();
}
