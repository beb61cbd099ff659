package io.streamq.core.contract.payload;

/**
 * Shared formats and bounds of payload fields, so that every job type agrees on what an id or a name is.
 * Values end up in Redis keys, metrics labels and log lines; keeping them short and free of spaces,
 * slashes and quotes means nothing downstream has to escape them.
 */
public final class PayloadPatterns {

    public static final String ID = "[A-Za-z0-9._:-]{1,128}";
    public static final String ID_MESSAGE = "must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'";

    public static final String EVENT_NAME = "[a-z0-9_.:-]{1,100}";
    public static final String EVENT_NAME_MESSAGE =
            "must be 1 to 100 characters of lowercase letters, digits, '_', '.', ':' or '-'";

    /** Template and hook names are keys into a registry, so they are lowercase like the keys they look up. */
    public static final String NAME = "[a-z0-9][a-z0-9._:-]{0,99}";
    public static final String NAME_MESSAGE =
            "must be 1 to 100 characters of lowercase letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

    /** Model names of providers carry a vendor prefix such as {@code meta-llama/Llama-3-8b}, hence the slash. */
    public static final String MODEL = "[A-Za-z0-9._:/-]{1,128}";
    public static final String MODEL_MESSAGE =
            "must be 1 to 128 characters of letters, digits, '.', '_', ':', '/' or '-'";

    /** MAJOR.MINOR.PATCH with optional pre-release and build parts; no leading 'v' so versions compare as text parts. */
    public static final String SEMVER =
            "(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})(-[0-9A-Za-z.-]{1,64})?(\\+[0-9A-Za-z.-]{1,64})?";
    public static final String SEMVER_MESSAGE = "must be a semantic version such as 1.4.2 or 2.0.0-beta.1";

    /** A job type's wire name, e.g. {@code email.send-bulk}. */
    public static final String JOB_NAME = "[a-z][a-z0-9-]{0,31}\\.[a-z][a-z0-9-]{0,63}";
    public static final String JOB_NAME_MESSAGE = "must be a job name such as email.send-bulk";

    public static final int EMAIL_MAX_LENGTH = 254;

    /** Free-form JSON objects (input, variables, body) are bounded by entry count; the request size limit bounds depth. */
    public static final int MAP_MAX_ENTRIES = 100;
    public static final int MAP_KEY_MAX_LENGTH = 128;

    /** The original payload as JSON text; the largest typed payload (a 200 000 character document) fits after escaping. */
    public static final int PAYLOAD_TEXT_MAX_LENGTH = 1_048_576;

    private PayloadPatterns() {
    }
}
