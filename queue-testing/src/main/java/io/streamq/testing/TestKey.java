package io.streamq.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A TEST-ONLY RSA key pair: {@link #shared()} is the repository's pair (resources {@code test-keys/}, see its README),
 * which every service's {@code %test} profile trusts; {@link #generate()} makes a throw-away one.
 */
public final class TestKey {

    private static final String SHARED_PRIVATE = "test-keys/test-private.pem";
    private static final String SHARED_PUBLIC = "test-keys/test-public.pem";

    private static TestKey shared;

    private final PrivateKey privateKey;
    private final String publicPem;
    private Path publicPemFile;

    private TestKey(PrivateKey privateKey, String publicPem) {
        this.privateKey = privateKey;
        this.publicPem = publicPem;
    }

    /** The repository's test pair, read from the classpath once. */
    public static synchronized TestKey shared() {
        if (shared == null) {
            shared = new TestKey(privateKey(resource(SHARED_PRIVATE)), resource(SHARED_PUBLIC));
        }
        return shared;
    }

    /** A fresh RSA 2048 pair, trusted by nothing until its public half is handed to a service. */
    public static TestKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new TestKey(pair.getPrivate(), publicPem(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    /** A signer of RS256 tokens with this pair's private half. */
    public TestJwt signer() {
        return new TestJwt(privateKey);
    }

    /**
     * Writes the public half to {@code file} as an X.509 SubjectPublicKeyInfo PEM, what a service launched with
     * {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} reads.
     */
    public Path writePublicPem(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, publicPem, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the public key to " + file, e);
        }
    }

    /**
     * The public half in a temp file of its own, written on the first call and deleted when the JVM exits: packaged
     * services read their key from a file, not from this module's classpath.
     */
    public synchronized Path publicPemFile() {
        if (publicPemFile == null) {
            try {
                Path file = Files.createTempFile("streamq-test-public-", ".pem");
                file.toFile().deleteOnExit();
                publicPemFile = writePublicPem(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temp file for the public key", e);
            }
        }
        return publicPemFile;
    }

    private static String resource(String name) {
        try (InputStream in = TestKey.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath (queue-testing's resources)");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static PrivateKey privateKey(String pkcs8Pem) {
        String der = pkcs8Pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(der)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA PKCS#8 private key", e);
        }
    }

    private static String publicPem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
