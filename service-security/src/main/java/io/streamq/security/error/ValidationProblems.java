package io.streamq.security.error;

import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bean Validation failures of resource parameters and bodies: 400 naming each field. A violation of a return value
 * is our bug, not the client's, and answers 500.
 */
public class ValidationProblems {

    private static final Comparator<FieldProblem> ORDER =
            Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message);

    @ServerExceptionMapper
    public Response violated(ConstraintViolationException e, RoutingContext ctx) {
        boolean returnValue = e.getConstraintViolations().stream().anyMatch(v -> hasKind(v, ElementKind.RETURN_VALUE));
        if (returnValue) {
            return UnexpectedProblems.respond(e, ctx);
        }
        List<FieldProblem> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(field(v.getPropertyPath()), v.getMessage()))
                .distinct().sorted(ORDER).toList();
        return Problems.response(Problems.typed(400, ProblemTypes.VALIDATION, "Invalid request",
                "The request has invalid fields.", errors, ctx)).build();
    }

    /**
     * {@code enqueue.arg0.items[2].name} as Hibernate renders it means nothing to a client: the method node is
     * dropped, a body parameter is dropped in favour of its fields, and a query or path parameter keeps its name
     * (the compiler keeps names, {@code -parameters}).
     */
    static String field(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (kind == ElementKind.PARAMETER && i < nodes.size() - 1) {
                continue;
            }
            if (node.isInIterable()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                out.append('[').append(position == null ? "" : position).append(']');
            }
            if (node.getName() != null && !node.getName().isEmpty() && kind != ElementKind.CONTAINER_ELEMENT) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(node.getName());
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static boolean hasKind(ConstraintViolation<?> v, ElementKind kind) {
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == kind) {
                return true;
            }
        }
        return false;
    }
}
