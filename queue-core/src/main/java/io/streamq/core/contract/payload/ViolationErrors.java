package io.streamq.core.contract.payload;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Turns Bean Validation violations into {@link FieldError}s with the same paths the client sent. */
final class ViolationErrors {

    private static final Comparator<FieldError> ORDER =
            Comparator.comparing(FieldError::field).thenComparing(FieldError::message);

    private ViolationErrors() {
    }

    static List<FieldError> of(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new FieldError(path(v.getPropertyPath()), v.getMessage()))
                .distinct()
                .sorted(ORDER)
                .toList();
    }

    /**
     * Hibernate's own rendering reads {@code recipients[3].<list element>}; clients expect
     * {@code payload.recipients[3]}, so container element nodes contribute only their index or key.
     */
    static String path(Path propertyPath) {
        StringBuilder out = new StringBuilder(JacksonErrors.ROOT);
        for (Path.Node node : propertyPath) {
            if (node.isInIterable()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                out.append('[').append(position == null ? "" : position).append(']');
            }
            boolean named = node.getName() != null && !node.getName().isEmpty();
            if (named && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                out.append('.').append(node.getName());
            }
        }
        return out.toString();
    }
}
