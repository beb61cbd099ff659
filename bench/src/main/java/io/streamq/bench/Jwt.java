package io.streamq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** A throw-away RSA key pair and RS256 tokens signed with it, JDK crypto only. */
final class Jwt {

    static final String ISSUER = "streamq-dev";

    private final KeyPair keys;

    Jwt() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    /** The public key as an X.509 SubjectPublicKeyInfo PEM, what mp.jwt.verify.publickey.location reads. */
    String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    Path writePublicKey(Path dir) {
        try {
            Path pem = dir.resolve("bench-public.pem");
            Files.writeString(pem, publicKeyPem(), StandardCharsets.US_ASCII);
            return pem;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the public key", e);
        }
    }

    /** An RS256 token valid from now for {@code ttlSeconds}. */
    String token(String subject, List<String> groups, String tenant, String workspace, long ttlSeconds) {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":" + Json.quote(ISSUER)
                + ",\"sub\":" + Json.quote(subject)
                + ",\"groups\":[" + groups.stream().map(Json::quote).collect(Collectors.joining(",")) + "]"
                + ",\"tenant\":" + Json.quote(tenant)
                + ",\"workspace\":" + Json.quote(workspace)
                + ",\"iat\":" + now
                + ",\"exp\":" + (now + ttlSeconds) + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
