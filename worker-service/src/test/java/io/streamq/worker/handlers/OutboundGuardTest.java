package io.streamq.worker.handlers;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.job.JobView;
import io.streamq.testing.PeerServer;
import io.streamq.testing.RedisTestResource;
import io.streamq.worker.handler.JobFailure;
import io.streamq.core.net.Cidr;
import io.streamq.worker.integration.OutboundGuard;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(PeersTestResource.class)
class OutboundGuardTest {

    @Inject
    Jobs jobs;

    @Inject
    OutboundGuard configured;

    @Test
    void emptyAllowlistRefusesEveryNonPublicAddress() throws Exception {
        OutboundGuard guard = new OutboundGuard(List.of());
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd12:3456::1", "::ffff:10.0.0.1")) {
            assertThat(guard.permitted(InetAddress.getByName(address))).as(address).isFalse();
        }
        assertThat(guard.permitted(InetAddress.getByName("93.184.216.34"))).isTrue();
        assertThat(guard.permitted(InetAddress.getByName("2606:2800:220:1::1"))).isTrue();
        assertThatThrownBy(() -> guard.check(URI.create("http://localhost:8080/x")))
                .isInstanceOfSatisfying(JobFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("destination-refused");
                    assertThat(f.retryable()).isFalse();
                });
        assertThatThrownBy(() -> guard.check(URI.create("file:///etc/passwd"))).isInstanceOf(JobFailure.class);
    }

    @Test
    void allowlistCoversOnlyItsRanges() throws Exception {
        OutboundGuard guard = new OutboundGuard(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")));
        assertThat(guard.permitted(InetAddress.getByName("10.200.1.1"))).isTrue();
        assertThat(guard.permitted(InetAddress.getByName("fd00::5"))).isTrue();
        assertThat(guard.permitted(InetAddress.getByName("192.168.0.1"))).isFalse();
        // The test profile allows exactly 127.0.0.1/32.
        assertThat(configured.allowlist()).containsExactly(Cidr.parse("127.0.0.1/32"));
    }

    @Test
    void hookToAPrivateAddressOrRedirectedToOneIsRefused() {
        PeerServer peer = Peers.http();
        // A real server on 127.0.0.2, outside the allowlist: it must never be called.
        PeerServer hidden = new PeerServer("127.0.0.2", 0);
        try {
            hidden.onJson("/internal", 200, "{}");
            peer.on("/hop", (n, r) -> PeerServer.Answer.redirect(peer.url("/hop2")));
            peer.on("/hop2", (n, r) -> PeerServer.Answer.redirect(hidden.url("/internal")));

            JobView redirected = jobs.await(jobs.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook(peer.url("/hop"))),
                    "failed");
            assertThat(redirected.attempts()).isEqualTo(1);
            assertThat(redirected.lastError().code()).isEqualTo("destination-refused");
            assertThat(redirected.lastError().name()).isEqualTo("DestinationRefused");
            assertThat(peer.calls("/hop2")).isEqualTo(1);
            assertThat(hidden.calls("/internal")).isZero();
            // Each hop is a line of the job's log, the refused one too; a 302 turns the POST into a GET.
            assertThat(jobs.logLines(redirected.id())).extracting(l -> l.replaceAll(" (in|after) \\d+ ms$", ""))
                    .containsExactly("Webhook POST " + hostPath(peer.url("/hop")) + " answered 302",
                            "Webhook GET " + hostPath(peer.url("/hop2")) + " answered 302",
                            "Webhook GET " + hostPath(hidden.url("/internal")) + " failed (destination-refused)");

            JobView direct = jobs.await(jobs.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook(hidden.url("/internal"))),
                    "failed");
            assertThat(direct.lastError().code()).isEqualTo("destination-refused");
            assertThat(hidden.calls("/internal")).isZero();
        } finally {
            hidden.close();
        }
    }

    @Test
    void allowedRedirectsAreFollowedUpToFive() {
        PeerServer peer = Peers.http();
        peer.on("/loop", (n, r) -> PeerServer.Answer.redirect(peer.url("/loop")));
        JobView looped = jobs.await(jobs.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook(peer.url("/loop"))), "failed");
        assertThat(looped.lastError().code()).isEqualTo("too-many-redirects");
        assertThat(peer.calls("/loop")).isEqualTo(6);

        peer.on("/moved", (n, r) -> PeerServer.Answer.redirect("/landing"));
        peer.onJson("/landing", 200, "{}");
        JobView moved = jobs.await(jobs.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook(peer.url("/moved"))), "completed");
        assertThat(moved.attempts()).isEqualTo(1);
        assertThat(peer.received("/landing").getFirst().method()).isEqualTo("GET");
    }

    private static String hostPath(String url) {
        return url.substring("http://".length());
    }

    private static String hook(String url) {
        return "{\"pluginId\":\"crm\",\"hook\":\"contact.created\",\"url\":\"%s\",\"body\":{}}".formatted(url);
    }
}
