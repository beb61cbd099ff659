package io.streamq.core.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One job-state transition as a Lua script from {@code commands/}. Redis has no include, so shared helpers
 * in {@code commands/includes/} are pasted in where a script says {@code --!include name}, once each. The
 * docblock that opens the file is its {@link ScriptContract}.
 */
public record LuaScript(String name, String source, String sha1, ScriptContract contract) {

    private static final String FOLDER = "/io/streamq/core/commands/";
    private static final Pattern INCLUDE = Pattern.compile("^--!include ([a-z0-9-]+)$", Pattern.MULTILINE);

    public static LuaScript load(String name) {
        String text = read(name + ".lua");
        String source = expand(text, new LinkedHashSet<>());
        return new LuaScript(name, source, sha1(source), ScriptContract.parse(name, text));
    }

    private static String expand(String source, Set<String> included) {
        Matcher m = INCLUDE.matcher(source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String include = m.group(1);
            String text = included.add(include) ? expand(read("includes/" + include + ".lua"), included) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String read(String file) {
        try (InputStream in = LuaScript.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("No Lua script " + FOLDER + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
