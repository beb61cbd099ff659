package io.streamq.testing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.time.Duration;
import java.util.Map;

/**
 * Loads a {@code @ConfigMapping} the way a service does at start-up, constraints validated, from the classpath's
 * configuration files with {@code properties} on top: a bad value fails here as it would stop the service.
 */
public final class ConfigMappingCheck {

    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private ConfigMappingCheck() {
    }

    /** @throws io.smallrye.config.ConfigValidationException naming each property whose value is refused */
    public static <T> T load(Class<T> mapping, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 1000))
                .withMapping(mapping)
                // Several mappings share a prefix (streamq.worker): the others' properties are not this one's concern.
                .withValidateUnknown(false)
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                .build()
                .getConfigMapping(mapping);
    }
}
