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
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * A TEST-ONLY RSA key pair: {@link #shared()} is the repository's pair (resources {@code test-keys/}, see its README),
 * which every service's {@code %test} profile trusts; {@link #generate()} makes a throw-away one. Each pair has a key
 * id ({@code kid}), put in the header of the tokens it signs and in its JWK.
 */
public final class TestKey {

    private static final String SHARED_PRIVATE = "test-keys/test-private.pem";
    private static final String SHARED_PUBLIC = "test-keys/test-public.pem";
    /** The kid of the shared pair, as in {@code test-keys/test-public.jwks}. */
    public static final String SHARED_KID = "streamq-test-1";
    private static final String NEXT_PRIVATE = "test-keys/test-next-private.pem";
    private static final String NEXT_PUBLIC = "test-keys/test-next-public.pem";
    /** The kid of the second pair, which only {@code test-keys/test-rotation.jwks} trusts besides the shared one. */
    public static final String NEXT_KID = "streamq-test-2";

    private static TestKey shared;
    private static TestKey next;

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String kid;
    private Path publicPemFile;

    private TestKey(PrivateKey privateKey, RSAPublicKey publicKey, String kid) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.kid = kid;
    }

    /** The repository's test pair, read from the classpath once. */
    public static synchronized TestKey shared() {
        if (shared == null) {
            shared = new TestKey(privateKey(resource(SHARED_PRIVATE)), publicKey(resource(SHARED_PUBLIC)), SHARED_KID);
        }
        return shared;
    }

    /** The repository's second test pair: the key that replaces {@link #shared()} in a key-rotation test. */
    public static synchronized TestKey next() {
        if (next == null) {
            next = new TestKey(privateKey(resource(NEXT_PRIVATE)), publicKey(resource(NEXT_PUBLIC)), NEXT_KID);
        }
        return next;
    }

    /** A fresh RSA 2048 pair with a random kid, trusted by nothing until its public half is handed to a service. */
    public static TestKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new TestKey(pair.getPrivate(), (RSAPublicKey) pair.getPublic(), "generated-" + UUID.randomUUID());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    /** A signer of RS256 tokens with this pair's private half, naming this pair's kid in each token's header. */
    public TestJwt signer() {
        return new TestJwt(privateKey, kid);
    }

    /**
     * Writes the public half to {@code file} as an X.509 SubjectPublicKeyInfo PEM, what a service launched with
     * {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} reads.
     */
    public Path writePublicPem(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, publicPem(publicKey), StandardCharsets.US_ASCII);
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

    private static RSAPublicKey publicKey(String x509Pem) {
        String der = x509Pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(der)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA public key", e);
        }
    }

    private static String publicPem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
