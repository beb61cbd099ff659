package io.streamq.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** RS256 JWTs signed with the TEST-ONLY key under src/test/resources/test-keys (JDK crypto only). */
final class TestTokens {

    static final String ISSUER = "streamq-dev";

    private final PrivateKey key;

    TestTokens(Path privatePem) {
        try {
            String pem = Files.readString(privatePem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            this.key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test key " + privatePem, e);
        }
    }

    /** A token with roles producer and OWNER, a tenant, a workspace and a subject; one hour. */
    String producerAndOwner(String user, String tenant, String workspace) {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + user + "\",\"upn\":\"" + user + "\","
                + "\"groups\":[\"producer\",\"OWNER\"],\"tenant\":\"" + tenant + "\",\"workspace\":\"" + workspace
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String head = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
            return head + "." + body + "." + b64.encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
