package io.streamq.core.contract.payload;

import io.streamq.core.contract.QueueName;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;
import java.util.stream.Collectors;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;

/**
 * The wire name of a queue that workers consume. Checked against {@link QueueName#workQueues()} rather than a regex
 * so that adding a queue needs no second edit here. {@code null} is valid; combine with {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = WorkQueueName.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface WorkQueueName {

    String message() default "must be the name of a work queue";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<WorkQueueName, String> {

        private static final Set<String> NAMES =
                QueueName.workQueues().stream().map(QueueName::wireName).collect(Collectors.toUnmodifiableSet());
        private static final String ALLOWED =
                QueueName.workQueues().stream().map(QueueName::wireName).collect(Collectors.joining(", "));

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || NAMES.contains(value)) {
                return true;
            }
            // Listing the names tells the caller how to fix the request without reading our docs.
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be one of: " + ALLOWED).addConstraintViolation();
            return false;
        }
    }
}
