package io.streamq.core.store;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one reader of a DLQ entry's fields: from its hash, and from the dead-stream records it is made of. */
class DlqEntryParseTest {

    private static Map<String, String> failure() {
        Map<String, String> f = new HashMap<>();
        f.put(DlqFields.TYPE, DlqFields.FAILURE);
        f.put(DlqFields.ORIGINAL_QUEUE, "email");
        f.put(DlqFields.ORIGINAL_JOB_ID, "email-7");
        f.put(DlqFields.ORIGINAL_JOB_NAME, "email.send-transactional");
        f.put(DlqFields.ERROR_NAME, "SmtpError");
        f.put(DlqFields.ERROR_MESSAGE, "timeout after 3012 ms");
        f.put(DlqFields.ERROR_STACK, "at smtp");
        f.put(DlqFields.ERROR_CODE, "smtp-timeout");
        f.put(DlqFields.FIRST_FAILED_AT, "1765000000000");
        f.put(DlqFields.LAST_FAILED_AT, "1765000060000");
        f.put(DlqFields.ATTEMPTS_MADE, "3");
        f.put(DlqFields.PAYLOAD, "{\"to\":\"a\"}");
        f.put(DlqFields.TENANT_ID, "t1");
        f.put(DlqFields.WORKSPACE_ID, "");
        f.put(DlqFields.ACTOR_ID, "");
        f.put(DlqFields.REPLAY_COUNT, "1");
        return f;
    }

    @Test
    void aStoredHashReadsIntoEveryFieldAndBlanksAreAbsent() {
        Map<String, String> h = failure();
        h.remove(DlqFields.TYPE);
        h.put(DlqFields.IS_REPLAYED, "1");
        h.put(DlqFields.LAST_REPLAYED_AT, "");
        h.put(DlqFields.FINGERPRINT, "timeout after <n> ms");
        h.put(DlqFields.HISTORY, "[{\"event\":\"failed\"}]");
        h.put(DlqFields.REPLAY_SUCCEEDED_AT, "1765000090000");

        DlqEntry e = DlqEntry.parse("email-7", h);

        assertThat(e).isEqualTo(new DlqEntry("email-7", "email", "email-7", "email.send-transactional", "SmtpError",
                "timeout after 3012 ms", "at smtp", "smtp-timeout", 1_765_000_000_000L, 1_765_000_060_000L, 3, true,
                1, null, "{\"to\":\"a\"}", null, "t1", null, "timeout after <n> ms", "[{\"event\":\"failed\"}]",
                1_765_000_090_000L));
        assertThat(e.withPayload("{}").payload()).isEqualTo("{}");
        assertThat(e.withPayload("{}").withPayload(e.payload())).isEqualTo(e);
    }

    @Test
    void noQueueIsNoEntryAndMalformedNumbersReadAsZero() {
        assertThat(DlqEntry.parse("email-7", Map.of())).isNull();
        assertThat(DlqEntry.parse("email-7", null)).isNull();
        Map<String, String> h = failure();
        h.put(DlqFields.ATTEMPTS_MADE, "-2");
        h.put(DlqFields.REPLAY_COUNT, "three");
        h.put(DlqFields.LAST_FAILED_AT, "9999999999999999999");
        h.remove(DlqFields.HISTORY);

        DlqEntry e = DlqEntry.parse("email-7", h);

        assertThat(e.attemptsMade()).isZero();
        assertThat(e.replayCount()).isZero();
        assertThat(e.lastFailedAt()).isZero();
        assertThat(e.history()).isEqualTo("[]");
        assertThat(e.lastReplayedAt()).isNull();
    }

    @Test
    void aFailureRecordBecomesARecordToStoreWithItsFingerprint() {
        Map<String, String> f = failure();
        f.remove(DlqFields.ERROR_CODE);
        f.put(DlqFields.FIRST_FAILED_AT, "");

        Optional<DlqHandOff> parsed = DlqHandOff.parse(f, m -> "fp:" + m);

        assertThat(parsed).contains(new DlqRecord("email", "email-7", "email.send-transactional", "SmtpError",
                "timeout after 3012 ms", "at smtp", "unknown", 1_765_000_060_000L, 1_765_000_060_000L, 3,
                "{\"to\":\"a\"}", "t1", "", "", 1, "fp:timeout after 3012 ms"));
    }

    @Test
    void aSuccessRecordBecomesASuccessToMark() {
        Map<String, String> f = new HashMap<>(Map.of(DlqFields.TYPE, DlqFields.SUCCESS, DlqFields.ORIGINAL_QUEUE,
                "email", DlqFields.ORIGINAL_JOB_ID, "email-7", DlqFields.FINISHED_AT, "1765000090000",
                DlqFields.ATTEMPTS_MADE, "2"));

        assertThat(DlqHandOff.parse(f, m -> m)).contains(new DlqSuccess("email", "email-7", "", 1_765_000_090_000L,
                2));
        f.put(DlqFields.FINISHED_AT, "soon");
        assertThat(DlqHandOff.parse(f, m -> m)).isEmpty();
    }

    @Test
    void recordsThatCannotBeStoredAreDropped() {
        for (String field : new String[] {DlqFields.ORIGINAL_JOB_ID, DlqFields.ORIGINAL_QUEUE,
                DlqFields.ORIGINAL_JOB_NAME, DlqFields.LAST_FAILED_AT}) {
            Map<String, String> f = failure();
            f.put(field, " ");
            assertThat(DlqHandOff.parse(f, m -> m)).as(field).isEmpty();
        }
        Map<String, String> other = failure();
        other.put(DlqFields.TYPE, "dlq.something-else");
        assertThat(DlqHandOff.parse(other, m -> m)).isEmpty();
    }
}
