package io.streamq.security.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The owner policy an endpoint needs. On a method, or on a resource class for all its methods (the method's wins).
 * Enforced by {@link PolicyFilter}: no valid token 401, a valid token without the policy 403.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresPolicy {
    Policy value();
}
