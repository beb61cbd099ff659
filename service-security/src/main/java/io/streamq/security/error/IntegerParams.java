package io.streamq.security.error;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Whole-number query parameters ({@code page}, {@code pageSize}, {@code limit}...) of every resource: {@code abc} or
 * a number beyond the type's range answers 400 naming the parameter. The JAX-RS default answers 404, as if the path
 * did not exist, and says nothing about why. Range rules stay with the parameter ({@code @Min}, {@code @Max}).
 */
@Provider
public class IntegerParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) new Whole<>(name, Integer::valueOf);
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) new Whole<>(name, Long::valueOf);
        }
        return null;
    }

    private static String queryName(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
        }
        return null;
    }

    private record Whole<N extends Number>(String name, Function<String, N> parse) implements ParamConverter<N> {

        @Override
        public N fromString(String value) {
            try {
                return parse.apply(value.strip());
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(name, "must be a whole number within range");
            }
        }

        @Override
        public String toString(N value) {
            return value.toString();
        }
    }
}
