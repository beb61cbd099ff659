package io.streamq.core.contract.payload;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The custom constraints and shared patterns, checked directly on records with a pinned clock. */
class PayloadConstraintsTest {

    private static final Instant NOW = Instant.parse("2024-05-31T12:00:00Z");
    private static ValidatorFactory validators;
    private static Validator validator;

    @BeforeAll
    static void setUp() {
        validators = Validation.byProvider(HibernateValidator.class).configure()
                .defaultLocale(Locale.ENGLISH)
                .clockProvider(() -> Clock.fixed(NOW, ZoneOffset.UTC))
                .buildValidatorFactory();
        validator = validators.getValidator();
    }

    @AfterAll
    static void tearDown() {
        validators.close();
    }

    private static List<String> fields(Object bean) {
        return validator.validate(bean).stream().map(v -> ViolationErrors.path(v.getPropertyPath())).toList();
    }

    @Test
    void eventTimeMayRunAheadByFiveMinutesButNoMore() {
        assertThat(fields(new AnalyticsTrackEvent("e", null, NOW.minusSeconds(86_400 * 365)))).isEmpty();
        assertThat(fields(new AnalyticsTrackEvent("e", null, NOW.plusSeconds(300)))).isEmpty();
        assertThat(fields(new AnalyticsTrackEvent("e", null, NOW.plusSeconds(301)))).containsExactly("payload.occurredAt");
        assertThat(validator.validate(new AnalyticsTrackEvent("e", null, NOW.plusSeconds(301))))
                .extracting(v -> v.getMessage()).containsExactly("must not be more than 300 seconds in the future");
    }

    @Test
    void hookUrlMustBeHttpOrHttpsWithAHost() {
        for (String good : List.of("http://example.com", "HTTPS://example.com:8443/hook?x=1", "https://10.0.0.1/h")) {
            assertThat(fields(hook(good))).as(good).isEmpty();
        }
        for (String bad : List.of("ftp://example.com/x", "https:///path", "mailto:a@example.com", "example.com/hook",
                "http://exa mple.com", "javascript:alert(1)", "https://example.com/" + "a".repeat(2048))) {
            assertThat(fields(hook(bad))).as(bad).containsExactly("payload.url");
        }
    }

    @Test
    void refreshStatsAcceptsOnlyWorkQueues() {
        assertThat(fields(new SystemRefreshStats(null))).isEmpty();
        assertThat(fields(new SystemRefreshStats("plugins"))).isEmpty();
        assertThat(validator.validate(new SystemRefreshStats("dlq"))).extracting(v -> v.getMessage())
                .containsExactly("must be one of: ai, workflows, analytics, email, plugins, system");
    }

    @Test
    void pluginVersionIsSemverIsh() {
        for (String good : List.of("0.0.1", "1.4.2", "10.20.30-rc.1", "1.0.0+build.7", "2.0.0-beta.1+sha.5114f85")) {
            assertThat(fields(new PluginInstall("p", good))).as(good).isEmpty();
        }
        for (String bad : List.of("1", "1.2", "v1.2.3", "01.2.3", "1.2.3-", "latest", "1.2.3 ")) {
            assertThat(fields(new PluginInstall("p", bad))).as(bad).containsExactly("payload.version");
        }
    }

    @Test
    void identifiersAreBoundedAndFreeOfSeparators() {
        assertThat(fields(new PluginSync("a".repeat(128)))).isEmpty();
        assertThat(fields(new PluginSync("Ab9._:-"))).isEmpty();
        for (String bad : List.of("", "a".repeat(129), "a b", "a/b", "a\"b", "é")) {
            assertThat(fields(new PluginSync(bad))).as(bad).containsExactly("payload.pluginId");
        }
    }

    private static PluginExecuteHook hook(String url) {
        return new PluginExecuteHook("p", "h", url, null);
    }
}
