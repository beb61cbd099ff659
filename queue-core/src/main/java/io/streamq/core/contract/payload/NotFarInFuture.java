package io.streamq.core.contract.payload;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;

/**
 * An instant no later than {@link #seconds()} after now. {@code @PastOrPresent} would reject events from clients
 * whose clocks run slightly ahead of ours, which is normal; a bounded skew still catches wrong units and years.
 * "Now" comes from the validator's {@code ClockProvider} so tests can pin it. {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = NotFarInFuture.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NotFarInFuture {

    String message() default "must not be more than {seconds} seconds in the future";

    long seconds() default 300;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<NotFarInFuture, Instant> {

        private long seconds;

        @Override
        public void initialize(NotFarInFuture annotation) {
            seconds = annotation.seconds();
        }

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Instant now = context.getClockProvider().getClock().instant();
            return !value.isAfter(now.plusSeconds(seconds));
        }
    }
}
