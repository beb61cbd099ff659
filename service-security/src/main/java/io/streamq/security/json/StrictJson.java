package io.streamq.security.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.json.StrictBinding;
import jakarta.inject.Singleton;

/**
 * The one reader of request bodies, for every service: the REST layer reads each JSON body with {@link #mapper()}
 * ({@link StrictBodies}), and code that parses a body itself uses it too. Over the application's mapper it adds:
 * unknown fields and scalars of the wrong kind refused ({@link StrictBinding}), duplicate keys and trailing content
 * refused, and strings with an unpaired surrogate refused ({@link WholeTextParser}). A copy, because the application's
 * mapper also reads what other services stored in Redis, which must stay tolerant of fields a newer version added.
 */
@Singleton
public class StrictJson {

    private final ObjectMapper mapper;

    public StrictJson(ObjectMapper application) {
        ObjectMapper strict = application.copyWith(new WholeTextJsonFactory(application.getFactory(), null));
        StrictBinding.apply(strict);
        strict.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.mapper = strict;
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
