package io.streamq.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an overlay with {@code kubectl kustomize} (or a standalone {@code kustomize build}) and parses the output with
 * fabric8. A missing or too old tool is a failure with a message, never a skip: these checks are the only thing
 * standing between a typo in deploy/ and a broken install.
 */
final class Kustomize {

    private static final Map<String, List<HasMetadata>> CACHE = new ConcurrentHashMap<>();
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v?(\\d+)\\.|^\\{?Version:kustomize/v?(\\d+)\\.|^v?(\\d+)\\.\\d+");

    private Kustomize() {
    }

    static List<HasMetadata> render(Path overlay) {
        return CACHE.computeIfAbsent(overlay.toAbsolutePath().normalize().toString(), k -> parse(run(overlay)));
    }

    @SuppressWarnings("unchecked")
    static List<HasMetadata> parse(String yaml) {
        Object parsed = Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        if (parsed instanceof KubernetesList list) {
            return list.getItems();
        }
        if (parsed instanceof List<?> list) {
            return new ArrayList<>((List<HasMetadata>) list);
        }
        if (parsed instanceof HasMetadata one) {
            return List.of(one);
        }
        throw new AssertionError("kustomize output did not parse into Kubernetes resources: " + parsed);
    }

    private static String run(Path overlay) {
        List<String> command = command(overlay);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> command(Path overlay) {
        String dir = overlay.toString();
        Path kubectl = onPath("kubectl");
        if (kubectl != null) {
            int major = kustomizeMajor(List.of(kubectl.toString(), "version", "--client"));
            if (major >= 5) {
                return List.of(kubectl.toString(), "kustomize", dir);
            }
        }
        Path kustomize = onPath("kustomize");
        if (kustomize != null && kustomizeMajor(List.of(kustomize.toString(), "version")) >= 5) {
            return List.of(kustomize.toString(), "build", dir);
        }
        throw new AssertionError("""
                The deploy tests need kubectl with kustomize 5 or newer (kubectl 1.27+), or a standalone kustomize 5, \
                on the PATH; found kubectl=%s, kustomize=%s. Debian's kubernetes-client package (kubectl 1.20, \
                kustomize 2) is too old for kustomize Components. Install kubectl from the upstream release \
                (pkgs.k8s.io apt repository or the dl.k8s.io binary), see docs/operations.md "Checking the manifests"."""
                .formatted(kubectl, kustomize));
    }

    private static int kustomizeMajor(List<String> versionCommand) {
        try {
            Process p = new ProcessBuilder(versionCommand).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            for (String line : out.split("\\R")) {
                Matcher m = KUSTOMIZE_VERSION.matcher(line.trim());
                if (m.find()) {
                    for (int g = 1; g <= m.groupCount(); g++) {
                        if (m.group(g) != null) {
                            return Integer.parseInt(m.group(g));
                        }
                    }
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
