package io.streamq.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTokensTest {

    @Test
    void ownerTokenVerifiesWithTheSharedPublicKeyFile() throws Exception {
        String[] parts = TestTokens.owner("alice").split("\\.");
        assertTrue(verifies(parts, publicKey(Files.readString(TestKey.shared().publicPemFile()))));
        Map<String, Object> claims = claims(parts[1]);
        assertEquals(TestTokens.ISSUER, claims.get("iss"));
        assertEquals("alice", claims.get("upn"));
        assertEquals(List.of("OWNER"), claims.get("groups"));
    }

    @Test
    void wrongSignatureDoesNotVerifyWithTheSharedKey() throws Exception {
        String[] parts = TestTokens.wrongSignature("alice").split("\\.");
        assertFalse(verifies(parts, publicKey(Files.readString(TestKey.shared().publicPemFile()))));
    }

    @Test
    void claimsAreEscapedAndTyped() {
        String[] parts = TestKey.shared().signer().sign("iss", "quote\"back\\slash\nline", List.of(),
                Map.of("policies", List.of("READ", "MANAGE")), Duration.ofMinutes(5)).split("\\.");
        Map<String, Object> claims = claims(parts[1]);
        assertEquals("quote\"back\\slash\nline", claims.get("sub"));
        assertEquals(List.of("READ", "MANAGE"), claims.get("policies"));
        assertFalse(claims.containsKey("groups"), "an empty groups list is no claim");
        long exp = (Long) claims.get("exp");
        assertEquals(300, exp - (Long) claims.get("iat"));
    }

    @Test
    void expiredIsPast() {
        Map<String, Object> claims = claims(TestTokens.expired("bob").split("\\.")[1]);
        assertTrue((Long) claims.get("exp") < Instant.now().getEpochSecond() - 1800);
    }

    private static boolean verifies(String[] parts, PublicKey key) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(key);
        s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return s.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static PublicKey publicKey(String pem) throws Exception {
        String der = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(der)));
    }

    /** A flat claims object: strings, longs and arrays of strings. */
    private static Map<String, Object> claims(String body) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(Base64.getUrlDecoder().decode(body))) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(p.getText());
                    }
                    out.put(name, items);
                } else {
                    out.put(name, value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : p.getText());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
