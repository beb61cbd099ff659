package io.streamq.worker.handlers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.PayloadCodec;
import io.streamq.worker.email.EmailSendBulkHandler;
import io.streamq.worker.handler.Cancellation;
import io.streamq.worker.handler.JobContext;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bulk email told to stop (its timeout passed, or its worker stops) ends after the chunk it is sending, with that
 * chunk recorded, so the attempt that follows sends only to the recipients not reached: nobody gets the mail twice.
 * Its progress counts the recipients reached by every attempt, chunk by chunk.
 */
@QuarkusTest
class BulkEmailCancellationTest {

    private static final String DOMAIN = "@bulk-cancel.test";

    @Inject
    EmailSendBulkHandler bulk;

    @Inject
    PayloadCodec codec;

    @Inject
    ObjectMapper mapper;

    @Test
    void aCancelledBulkStopsAfterItsChunkInFlightAndTheNextAttemptSendsOnlyTheRest() throws Exception {
        GreenMail smtp = Peers.smtp();
        List<String> recipients = IntStream.range(0, 10).mapToObj(i -> "fan" + i + DOMAIN).toList();
        String payload = "{\"campaignId\":\"cancel-mid-way\",\"template\":\"newsletter\",\"recipients\":[%s]}"
                .formatted(recipients.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",")));
        // The handler looks before each chunk (4 recipients in the test profile): cancelled from the second look on.
        AtomicInteger looks = new AtomicInteger();
        RecordingReporter first = new RecordingReporter();

        assertThatThrownBy(() -> bulk.handle(context(payload, 1,
                DirectContexts.cancellation(() -> looks.incrementAndGet() > 1), first)))
                .isInstanceOf(CancellationException.class);
        assertThat(received(smtp)).hasSize(4);
        assertThat(first.percents()).containsExactly(0, 40);
        assertThat(first.lines.getLast()).startsWith("4 of 10 recipients reached when the job was cancelled");

        RecordingReporter second = new RecordingReporter();
        var result = (EmailSendBulkHandler.Result) bulk.handle(context(payload, 2, DirectContexts.notCancelled(),
                second));

        assertThat(result.sentEarlier()).isEqualTo(4);
        assertThat(result.sentThisAttempt()).isEqualTo(6);
        assertThat(received(smtp)).hasSize(10).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recipients);
        // Progress counts every attempt's recipients: this one starts where the first left off.
        assertThat(second.percents()).containsExactly(40, 80, 100);
        assertThat(second.lastData()).isEqualTo(new EmailSendBulkHandler.Progress(10, 0, 10));
        // One line per chunk sent, naming the server and the verdicts, never a mail's content.
        String server = "SMTP 127.0.0.1:" + smtp.getSmtp().getPort();
        assertThat(second.lines).filteredOn(l -> l.startsWith(server + " accepted ")).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("accepted 4 of 4 mails"))
                .anySatisfy(l -> assertThat(l).contains("accepted 2 of 2 mails"));
        assertThat(second.lines).first().asString()
                .contains("10 recipients, 4 reached by an earlier attempt, 6 to send");
        assertThat(String.join("\n", second.lines)).doesNotContain("what is new on streamq", "News from streamq");
    }

    private JobContext context(String payload, int attempt, Cancellation cancellation, RecordingReporter reporter)
            throws Exception {
        return DirectContexts.of(codec, mapper, JobType.EMAIL_SEND_BULK, "email-bulk-cancel-1", payload, attempt,
                cancellation, reporter);
    }

    private static List<String> received(GreenMail smtp) {
        return Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).filter(to -> to.endsWith(DOMAIN)).toList();
    }
}
