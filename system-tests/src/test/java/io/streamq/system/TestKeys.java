package io.streamq.system;

import io.streamq.testing.TestJwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A TEST-ONLY RSA key pair made afresh for each run (nothing is kept in the repository): the services verify with the
 * public half ({@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}), the tests sign tokens with the private half.
 */
record TestKeys(Path publicPem, TestJwt signer) {

    static TestKeys generate(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            Path publicPem = dir.resolve("test-public.pem");
            Path privatePem = dir.resolve("test-private.pem");
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return new TestKeys(publicPem, new TestJwt(privatePem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
