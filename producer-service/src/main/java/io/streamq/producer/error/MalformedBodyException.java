package io.streamq.producer.error;

/** A body that cannot be read as the JSON the endpoint expects at all (empty, not JSON, wrong top-level shape). */
public class MalformedBodyException extends RuntimeException {

    public MalformedBodyException(String detail) {
        super(detail);
    }
}
