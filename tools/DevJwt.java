import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Development JWTs for the streamq services. No dependencies; run with JDK 21+:
 *
 * <pre>
 *   java tools/DevJwt.java keygen DIR
 *   java tools/DevJwt.java token DIR ROLE [--tenant T] [--workspace W] [--sub S] [--ttl SECONDS] [--policies READ,MANAGE]
 * </pre>
 *
 * keygen writes DIR/dev-private.pem (PKCS#8, mode 600) and DIR/dev-public.pem (X.509 SubjectPublicKeyInfo), an
 * RSA 2048 pair; it leaves an existing pair alone. token prints an RS256 JWT signed with DIR/dev-private.pem,
 * for the services started with mp.jwt.verify.publickey.location=DIR/dev-public.pem and issuer streamq-dev.
 *
 * <p>A single-file program on purpose: {@code ./stack} runs it with a bare JDK before anything is built, so it cannot
 * use queue-testing's signer (TestJwt) or a JSON library, and keeps its own small JSON writer below.
 */
public class DevJwt {

    static final String PRIVATE_PEM = "dev-private.pem";
    static final String PUBLIC_PEM = "dev-public.pem";
    static final String ISSUER = "streamq-dev";
    static final long DEFAULT_TTL_SECONDS = 8 * 3600;

    public static void main(String[] args) {
        try {
            if (args.length == 0 || "help".equals(args[0]) || "--help".equals(args[0]) || "-h".equals(args[0])) {
                usage();
                System.exit(args.length == 0 ? 2 : 0);
            }
            switch (args[0]) {
                case "keygen" -> {
                    if (args.length != 2) {
                        throw new IllegalArgumentException("keygen takes exactly one argument: DIR");
                    }
                    keygen(Path.of(args[1]));
                }
                case "token" -> {
                    if (args.length < 3) {
                        throw new IllegalArgumentException("token needs DIR and ROLE");
                    }
                    System.out.println(token(Path.of(args[1]), args[2], List.of(args).subList(3, args.length)));
                }
                default -> throw new IllegalArgumentException("unknown command: " + args[0]);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("DevJwt: " + e.getMessage());
            usage();
            System.exit(2);
        } catch (IOException | GeneralSecurityException e) {
            System.err.println("DevJwt: " + e);
            System.exit(1);
        }
    }

    static void usage() {
        System.err.println("""
                usage:
                  java tools/DevJwt.java keygen DIR
                  java tools/DevJwt.java token DIR ROLE [--tenant T] [--workspace W] [--sub S] [--ttl SECONDS] [--policies READ,MANAGE]
                """);
    }

    static void keygen(Path dir) throws IOException, GeneralSecurityException {
        Path priv = dir.resolve(PRIVATE_PEM);
        Path pub = dir.resolve(PUBLIC_PEM);
        if (Files.exists(priv) && Files.exists(pub)) {
            return;
        }
        Files.createDirectories(dir);
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048, new SecureRandom());
        KeyPair pair = gen.generateKeyPair();

        // Create the private key file with mode 600 before any secret is written to it.
        Path tmpPriv = dir.resolve(PRIVATE_PEM + ".tmp");
        Files.deleteIfExists(tmpPriv);
        try {
            Files.createFile(tmpPriv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmpPriv);
        }
        Files.writeString(tmpPriv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
        Path tmpPub = dir.resolve(PUBLIC_PEM + ".tmp");
        Files.writeString(tmpPub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        Files.move(tmpPub, pub, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpPriv, priv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.err.println("DevJwt: wrote " + priv + " and " + pub);
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + " does not exist; run: java tools/DevJwt.java keygen "
                    + (file.getParent() == null ? "." : file.getParent()));
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(file + " is not a PKCS#8 PEM private key");
        }
        String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    static String token(Path dir, String role, List<String> options) throws IOException, GeneralSecurityException {
        if (role.isBlank() || role.startsWith("--")) {
            throw new IllegalArgumentException("ROLE is missing");
        }
        String tenant = "dev-tenant";
        String workspace = "dev-workspace";
        String sub = "dev-" + role;
        long ttl = DEFAULT_TTL_SECONDS;
        List<String> policies = null;
        for (int i = 0; i < options.size(); i++) {
            String opt = options.get(i);
            String value;
            int eq = opt.indexOf('=');
            if (opt.startsWith("--") && eq > 0) {
                value = opt.substring(eq + 1);
                opt = opt.substring(0, eq);
            } else {
                if (i + 1 >= options.size()) {
                    throw new IllegalArgumentException(opt + " needs a value");
                }
                value = options.get(++i);
            }
            switch (opt) {
                case "--tenant" -> tenant = value;
                case "--workspace" -> workspace = value;
                case "--sub" -> sub = value;
                case "--ttl" -> {
                    try {
                        ttl = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--ttl must be a number of seconds: " + value);
                    }
                    if (ttl <= 0) {
                        throw new IllegalArgumentException("--ttl must be positive: " + value);
                    }
                }
                case "--policies" -> {
                    policies = new ArrayList<>();
                    for (String p : value.split(",")) {
                        if (!p.isBlank()) {
                            policies.add(p.trim());
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option: " + opt);
            }
        }

        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", "dev");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", sub);
        claims.put("upn", sub);
        claims.put("groups", List.of(role));
        claims.put("tenant", tenant);
        claims.put("workspace", workspace);
        claims.put("iat", now);
        claims.put("exp", now + ttl);
        claims.put("jti", UUID.randomUUID().toString());
        if (policies != null) {
            claims.put("policies", policies);
        }

        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(json(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(json(claims).getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(readPrivateKey(dir.resolve(PRIVATE_PEM)));
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(signer.sign());
    }

    /** Minimal JSON for strings, numbers, lists and maps. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        writeJson(out, value);
        return out.toString();
    }

    private static void writeJson(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeJson(out, String.valueOf(e.getKey()));
                out.append(':');
                writeJson(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeJson(out, list.get(i));
            }
            out.append(']');
        } else {
            String s = value.toString();
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
