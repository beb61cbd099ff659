package io.streamq.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the deploy checks compare the manifests with, read from the modules' sources and poms. */
final class Sources {

    /** The five services, module name = Deployment name = image name. */
    static final List<String> SERVICES =
            List.of("producer-service", "worker-service", "dlq-service", "monitor-service", "realtime-gateway");
    /** Library modules whose config files and mappings a service loads when its pom depends on them. */
    static final List<String> LIBRARIES = List.of("queue-core", "service-security");

    private Sources() {
    }

    static Path root() {
        String configured = System.getProperty("streamq.repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("deploy")) || !Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new AssertionError("repository root not found at " + root + " (set -Dstreamq.repo.root)");
        }
        return root;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** application.properties of a module, profile-specific keys ({@code %test.}) left out. */
    static Properties applicationProperties(String module) {
        return properties(root().resolve(module).resolve("src/main/resources/application.properties"));
    }

    static Properties properties(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        p.stringPropertyNames().stream().filter(k -> k.startsWith("%")).toList().forEach(p::remove);
        return p;
    }

    static int httpPort(String module) {
        String port = applicationProperties(module).getProperty("quarkus.http.port");
        if (port == null) {
            throw new AssertionError(module + " sets no quarkus.http.port in application.properties");
        }
        return Integer.parseInt(port.trim());
    }

    /** artifactIds the module's pom names (dependencies and plugins; good enough to tell which extensions it has). */
    static Set<String> pomArtifacts(String module) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(read(root().resolve(module).resolve("pom.xml")));
        while (m.find()) {
            ids.add(m.group(1).trim());
        }
        return ids;
    }

    /** The module itself and the streamq libraries it depends on (directly, or through service-security). */
    static List<String> moduleAndLibraries(String module) {
        List<String> modules = new ArrayList<>(List.of(module));
        Set<String> deps = pomArtifacts(module);
        for (String lib : LIBRARIES) {
            if (deps.contains(lib) || (lib.equals("queue-core") && deps.contains("service-security"))) {
                modules.add(lib);
            }
        }
        return modules;
    }

    static List<Path> javaSources(String module) {
        Path dir = root().resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- public HTTP paths -----------------------------------------------------------------------------------------

    private static final Pattern PATH_ANNOTATION = Pattern.compile("@Path\\(\\s*([^)]*?)\\s*\\)");
    private static final Pattern WEBSOCKET = Pattern.compile("@WebSocket\\([^)]*?path\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONSTANT = Pattern.compile("static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"([^\"]*)\"\\s*;");
    private static final Pattern TYPE_DECL = Pattern.compile("\\b(class|interface|record|enum)\\s+\\w+");

    /**
     * The fixed path prefixes of every REST endpoint and WebSocket of a module: the class {@code @Path} joined with
     * each method {@code @Path}, cut at the first template that is not a plain alternation of literals
     * ({@code {family: dlq|queues/dlq}} expands to both). Paths under /q/ are Quarkus's own and left out.
     */
    static Set<String> publicPathPrefixes(String module) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (Path file : javaSources(module)) {
            String src = read(file);
            Map<String, String> constants = new LinkedHashMap<>();
            Matcher c = CONSTANT.matcher(src);
            while (c.find()) {
                constants.put(c.group(1), c.group(2));
            }
            Matcher ws = WEBSOCKET.matcher(src);
            while (ws.find()) {
                prefixes.addAll(fixedPrefixes(ws.group(1)));
            }
            Matcher type = TYPE_DECL.matcher(src);
            int typeStart = type.find() ? type.start() : Integer.MAX_VALUE;
            String classPath = "";
            List<String> methodPaths = new ArrayList<>();
            Matcher m = PATH_ANNOTATION.matcher(src);
            while (m.find()) {
                String value = evaluate(m.group(1), constants, file);
                if (m.start() < typeStart) {
                    classPath = value;
                } else {
                    methodPaths.add(value);
                }
            }
            if (classPath.isEmpty() && methodPaths.isEmpty()) {
                continue;
            }
            if (methodPaths.isEmpty()) {
                prefixes.addAll(fixedPrefixes(classPath));
            }
            for (String mp : methodPaths) {
                prefixes.addAll(fixedPrefixes(join(classPath, mp)));
            }
        }
        prefixes.removeIf(p -> p.equals("/q") || p.startsWith("/q/"));
        return prefixes;
    }

    private static String evaluate(String expression, Map<String, String> constants, Path file) {
        StringBuilder out = new StringBuilder();
        for (String term : expression.split("\\+")) {
            String t = term.trim();
            if (t.startsWith("value")) {
                t = t.substring(t.indexOf('=') + 1).trim();
            }
            if (t.startsWith("\"") && t.endsWith("\"")) {
                out.append(t, 1, t.length() - 1);
            } else if (constants.containsKey(t)) {
                out.append(constants.get(t));
            } else {
                throw new AssertionError("cannot evaluate @Path(" + expression + ") in " + file + ": teach Sources about " + t);
            }
        }
        return out.toString();
    }

    private static String join(String a, String b) {
        String joined = "/" + a + "/" + b;
        return joined.replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

    private static final Pattern LITERAL_ALTERNATION = Pattern.compile("[A-Za-z0-9._/-]+(\\|[A-Za-z0-9._/-]+)*");

    /** The literal part of a path template, with simple regex alternations expanded. */
    static List<String> fixedPrefixes(String template) {
        String path = join(template, "");
        List<String> results = new ArrayList<>(List.of(""));
        int i = 0;
        while (i < path.length()) {
            char ch = path.charAt(i);
            if (ch == '{') {
                int end = matchingBrace(path, i);
                String inner = path.substring(i + 1, end);
                int colon = inner.indexOf(':');
                String regex = colon < 0 ? null : inner.substring(colon + 1).trim();
                if (regex == null || !LITERAL_ALTERNATION.matcher(regex).matches()) {
                    break;
                }
                List<String> next = new ArrayList<>();
                for (String r : results) {
                    for (String alt : regex.split("\\|")) {
                        next.add(r + alt);
                    }
                }
                results = next;
                i = end + 1;
            } else {
                final char add = ch;
                results = results.stream().map(r -> r + add).toList();
                i++;
            }
        }
        return results.stream().map(r -> r.length() > 1 ? r.replaceAll("/+$", "") : r).distinct().toList();
    }

    private static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '{') {
                depth++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unbalanced template " + s);
    }

    // ---- configuration a service reads -----------------------------------------------------------------------------

    /** Configuration names (exact) and name prefixes (maps, groups) one service reads. */
    record ConfigNames(Set<String> exact, Set<String> prefixes, Set<String> envReferences) {
    }

    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:|})");
    private static final Pattern METHOD = Pattern.compile("^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*([\\w<>, ?.]+?)\\s+(\\w+)\\(\\s*\\)\\s*;", Pattern.MULTILINE);
    private static final Pattern NESTED_INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)\\s*\\{");

    static ConfigNames configNames(String module) {
        Set<String> exact = new LinkedHashSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        Set<String> envRefs = new LinkedHashSet<>();
        for (String m : moduleAndLibraries(module)) {
            Path resources = root().resolve(m).resolve("src/main/resources");
            for (Path file : List.of(resources.resolve("application.properties"),
                    resources.resolve("META-INF/microprofile-config.properties"))) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                Properties p = properties(file);
                exact.addAll(p.stringPropertyNames());
                for (String key : p.stringPropertyNames()) {
                    Matcher e = ENV_REFERENCE.matcher(p.getProperty(key));
                    while (e.find()) {
                        envRefs.add(e.group(1));
                    }
                }
            }
            for (Path file : javaSources(m)) {
                String src = read(file);
                Matcher cp = CONFIG_PROPERTY.matcher(src);
                while (cp.find()) {
                    exact.add(cp.group(1));
                }
                Matcher cm = CONFIG_MAPPING.matcher(src);
                if (cm.find()) {
                    mapping(cm.group(1), src.substring(cm.end()), exact, prefixes);
                }
            }
        }
        return new ConfigNames(exact, prefixes, envRefs);
    }

    /**
     * The names of a {@code @ConfigMapping} interface: prefix + kebab-case method name; a method returning a nested
     * interface of the file contributes that interface's names under its own; a Map contributes a prefix.
     */
    private static void mapping(String prefix, String body, Set<String> exact, Set<String> prefixes) {
        int open = body.indexOf('{');
        int close = matchingBrace(body, open);
        String top = body.substring(open + 1, close);
        Map<String, String> nested = new LinkedHashMap<>();
        StringBuilder topOnly = new StringBuilder();
        int i = 0;
        Matcher ni = NESTED_INTERFACE.matcher(top);
        while (ni.find(i)) {
            int nOpen = ni.end() - 1;
            int nClose = matchingBrace(top, nOpen);
            topOnly.append(top, i, ni.start());
            nested.put(ni.group(1), top.substring(nOpen + 1, nClose));
            i = nClose + 1;
        }
        topOnly.append(top.substring(i));
        collect(prefix, topOnly.toString(), nested, exact, prefixes);
    }

    private static void collect(String prefix, String members, Map<String, String> nested, Set<String> exact,
                                Set<String> prefixes) {
        Matcher m = METHOD.matcher(members);
        while (m.find()) {
            String type = m.group(1).trim();
            String name = prefix + "." + kebab(m.group(2));
            String inner = type.replaceAll(".*<\\s*(?:String\\s*,\\s*)?([\\w.]+)\\s*>.*", "$1");
            if (type.startsWith("Map<")) {
                prefixes.add(name);
            } else if (nested.containsKey(inner)) {
                collect(name, nested.get(inner), nested, exact, prefixes);
            } else {
                exact.add(name);
            }
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** SmallRye's environment-variable form of a property name. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    // ---- metrics ---------------------------------------------------------------------------------------------------

    private static final Pattern METER = Pattern.compile("(Gauge|Counter|Timer|DistributionSummary)\\.builder\\(\\s*\"([^\"]+)\"|gauge\\(registry,\\s*\"([^\"]+)\"|state\\(registry");

    /** Prometheus names of the meters the services register (a Counter gains _total). */
    static Set<String> prometheusMetricNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String module : SERVICES) {
            for (Path file : javaSources(module)) {
                String src = read(file);
                Matcher m = METER.matcher(src);
                while (m.find()) {
                    if (m.group(2) != null) {
                        String base = m.group(2).replace('.', '_');
                        names.add(m.group(1).equals("Counter") ? base + "_total" : base);
                    } else if (m.group(3) != null) {
                        names.add(m.group(3).replace('.', '_'));
                    }
                }
                Matcher state = Pattern.compile("gauge\\(registry,\\s*\"(streamq\\.queue\\.jobs)\"").matcher(src);
                while (state.find()) {
                    names.add(state.group(1).replace('.', '_'));
                }
            }
        }
        return names;
    }
}
