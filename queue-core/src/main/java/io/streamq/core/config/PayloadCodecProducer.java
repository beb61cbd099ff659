package io.streamq.core.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.payload.PayloadCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;

/** One strict payload codec per application, built on the service's own ObjectMapper and Validator. */
@ApplicationScoped
public class PayloadCodecProducer {

    @Produces
    @Singleton
    PayloadCodec payloadCodec(ObjectMapper mapper, Validator validator) {
        return new PayloadCodec(mapper, validator);
    }
}
