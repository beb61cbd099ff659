package io.streamq.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamq.testing.TestProcesses;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Debian's nginx on a free loopback port, routing by path prefix exactly as the Ingress objects of
 * {@code deploy/base/ingress.yaml} do: the routes are read from that file, so the browser tests see the one origin an
 * owner sees behind the cluster's ingress, and a route missing there is missing here too ({@code /q/*} included).
 */
final class IngressProxy implements AutoCloseable {

    /** One Ingress rule path: requests under {@code prefix} go to the Service named {@code service}. */
    record Route(String prefix, String service) {
    }

    private final Path dir;
    private final Process process;
    private final int port;

    private IngressProxy(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Every path of every Ingress in the file, in the file's order. */
    static List<Route> routes(Path ingressYaml) throws IOException {
        List<Route> routes = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(ingressYaml.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (!"Ingress".equals(doc.path("kind").asText())) {
                    continue;
                }
                for (JsonNode rule : doc.path("spec").path("rules")) {
                    for (JsonNode p : rule.path("http").path("paths")) {
                        if (!"Prefix".equals(p.path("pathType").asText())) {
                            throw new IllegalStateException("only pathType Prefix is mirrored: " + p);
                        }
                        routes.add(new Route(p.path("path").asText(), p.path("backend").path("service").path("name").asText()));
                    }
                }
            }
        }
        if (routes.isEmpty()) {
            throw new IllegalStateException("no Ingress paths in " + ingressYaml);
        }
        return routes;
    }

    /**
     * Starts nginx on {@code port} in {@code dir} with the routes of {@code ingressYaml}; {@code servicePorts} maps
     * each Service name to the loopback port its process listens on.
     */
    static IngressProxy start(Path ingressYaml, Map<String, Integer> servicePorts, int port, Path dir) throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(routes(ingressYaml), servicePorts, port, dir));
        Process process = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", conf.toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile())
                .start();
        IngressProxy proxy = new IngressProxy(dir, process, port);
        proxy.awaitListening(Duration.ofSeconds(20));
        return proxy;
    }

    /**
     * The nginx equivalent of ingress-nginx for Prefix paths: {@code = /p} and {@code /p/} per path (whole path
     * elements), longest prefix wins; WebSocket upgrades on every route; the body size, timeouts and buffering of
     * the Ingress annotations.
     */
    static String config(List<Route> routes, Map<String, Integer> servicePorts, int port, Path dir) {
        StringBuilder locations = new StringBuilder();
        routes.stream().sorted(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed()).forEach(r -> {
            Integer target = servicePorts.get(r.service());
            if (target == null) {
                throw new IllegalStateException("no local port for Service " + r.service());
            }
            String pass = "proxy_pass http://127.0.0.1:" + target + ";";
            String prefix = r.prefix().endsWith("/") ? r.prefix().substring(0, r.prefix().length() - 1) : r.prefix();
            locations.append("    location = ").append(prefix.isEmpty() ? "/" : prefix).append(" { ").append(pass).append(" }\n");
            locations.append("    location ").append(prefix).append("/ { ").append(pass).append(" }\n");
        });
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user root;\n" : "") + """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 512; }
                http {
                  access_log %1$s/logs/access.log;
                  client_body_temp_path %1$s/client_body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                  server {
                    listen 127.0.0.1:%2$d;
                    client_max_body_size 3m;
                    proxy_http_version 1.1;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $remote_addr;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_read_timeout 3600s;
                    proxy_send_timeout 3600s;
                    proxy_buffering off;
                %3$s  }
                }
                """.formatted(dir, port, locations);
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitListening(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + TestProcesses.read(dir.resolve("logs/stdout.log")) + TestProcesses.read(dir.resolve("logs/error.log")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx not listening on " + port + " within " + timeout);
    }

    @Override
    public void close() {
        TestProcesses.stop(process, 5, 5);
    }
}
