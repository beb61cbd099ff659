package io.streamq.system;

import io.streamq.testing.TestJwt;
import io.streamq.testing.TestKey;

import java.nio.file.Path;

/**
 * A TEST-ONLY RSA key pair made afresh for each run (nothing is kept in the repository): the services verify with the
 * public half ({@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}), the tests sign tokens with the private half.
 */
record TestKeys(Path publicPem, TestJwt signer) {

    static TestKeys generate(Path dir) {
        TestKey key = TestKey.generate();
        return new TestKeys(key.writePublicPem(dir.resolve("test-public.pem")), key.signer());
    }
}
