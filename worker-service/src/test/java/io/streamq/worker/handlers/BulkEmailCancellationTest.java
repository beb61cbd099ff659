package io.streamq.worker.handlers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.contract.payload.PayloadCodec;
import io.streamq.core.job.ClaimedJob;
import io.streamq.worker.email.EmailSendBulkHandler;
import io.streamq.worker.handler.Cancellation;
import io.streamq.worker.handler.JobContext;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bulk email told to stop (its timeout passed, or its worker stops) ends after the chunk it is sending, with that
 * chunk recorded, so the attempt that follows sends only to the recipients not reached: nobody gets the mail twice.
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

        assertThatThrownBy(() -> bulk.handle(context(payload, 1, cancellation(() -> looks.incrementAndGet() > 1))))
                .isInstanceOf(CancellationException.class);
        assertThat(received(smtp)).hasSize(4);

        var result = (EmailSendBulkHandler.Result) bulk.handle(context(payload, 2, cancellation(() -> false)));

        assertThat(result.sentEarlier()).isEqualTo(4);
        assertThat(result.sentThisAttempt()).isEqualTo(6);
        assertThat(received(smtp)).hasSize(10).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recipients);
    }

    private JobContext context(String payload, int attempt, Cancellation cancellation) throws Exception {
        ClaimedJob job = new ClaimedJob(QueueName.EMAIL, "1-" + attempt, "email-bulk-cancel-1",
                JobType.EMAIL_SEND_BULK.wireName(), payload, attempt, 3, 0, 0, "t", "w", "a");
        return new JobContext(job, codec.decode(JobType.EMAIL_SEND_BULK, mapper.readTree(payload)),
                Duration.ofSeconds(10), "bulk-cancel-test", cancellation, new RecordingReporter());
    }

    private static Cancellation cancellation(BooleanSupplier cancelled) {
        return new Cancellation() {
            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }

            @Override
            public Duration remaining() {
                return Duration.ofSeconds(10);
            }

            @Override
            public void holdInFlight(Duration atMost) {
            }

            @Override
            public void releaseInFlight() {
            }
        };
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
