package io.streamq.dlq;

import io.streamq.dlq.ingest.ErrorFingerprint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorFingerprintTest {

    @Test
    void variablePartsAreMaskedSoReasonsGroup() {
        assertThat(ErrorFingerprint.of("timeout after 3012 ms for ai-17"))
                .isEqualTo(ErrorFingerprint.of("timeout after 2990 ms for ai-9"))
                .isEqualTo("timeout after <n> ms for <id>");
        assertThat(ErrorFingerprint.of("user 'bob' not found in \"tenant-a\""))
                .isEqualTo("user <str> not found in <str>");
        assertThat(ErrorFingerprint.of("run 3f2504e0-4f89-11d3-9a0c-0305e82c3301 failed"))
                .isEqualTo("run <uuid> failed");
        assertThat(ErrorFingerprint.of("bad digest deadbeef01 at 0x7ffe"))
                .isEqualTo("bad digest <hex> at <hex>");
        assertThat(ErrorFingerprint.of("mail to a.b@example.com bounced")).isEqualTo("mail to <email> bounced");
        assertThat(ErrorFingerprint.of("  ")).isEqualTo("(no message)");
        assertThat(ErrorFingerprint.of("x".repeat(500))).hasSize(200);
    }

    @Test
    void statusCodesStayInTheReason() {
        assertThat(ErrorFingerprint.of("webhook answered HTTP 410")).isEqualTo("webhook answered HTTP 410")
                .isNotEqualTo(ErrorFingerprint.of("webhook answered HTTP 500"));
        assertThat(ErrorFingerprint.of("upstream status: 503 after 1200 ms"))
                .isEqualTo("upstream status: 503 after <n> ms");
        assertThat(ErrorFingerprint.of("smtp code=550 for 3 recipients")).isEqualTo("smtp code=550 for <n> recipients");
    }

    @Test
    void differentMessagesStayApart() {
        assertThat(ErrorFingerprint.of("connection refused")).isNotEqualTo(ErrorFingerprint.of("connection reset"));
    }
}
