package io.streamq.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Static checks of every overlay under deploy/overlays, rendered with kustomize; no cluster needed. */
class DeployManifestsTest {

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(Sources.root().resolve("deploy/overlays"))) {
            List<String> names = dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertThat(names).as("overlays").contains("dev", "prod");
            return names.stream();
        }
    }

    private static List<HasMetadata> render(String overlay) {
        return Kustomize.render(Sources.root().resolve("deploy/overlays").resolve(overlay));
    }

    private static <T extends HasMetadata> List<T> all(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<GenericKubernetesResource> custom(List<HasMetadata> resources, String kind) {
        return resources.stream().filter(r -> r instanceof GenericKubernetesResource && kind.equals(r.getKind()))
                .map(GenericKubernetesResource.class::cast).toList();
    }

    private static Deployment deployment(List<HasMetadata> resources, String name) {
        return all(resources, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    private static Container serviceContainer(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(d.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError(d.getMetadata().getName() + " has no container of its own name"));
    }

    /** Every pod template of the output (Deployments and StatefulSets), by workload name. */
    private static Map<String, PodTemplateSpec> podTemplates(List<HasMetadata> resources) {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        all(resources, Deployment.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(resources, StatefulSet.class).forEach(s -> templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        return templates;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void every_service_runs_as_a_deployment_of_its_own_image_on_its_configured_port(String overlay) {
        List<HasMetadata> resources = render(overlay);
        for (String module : Sources.SERVICES) {
            Deployment d = deployment(resources, module);
            Container c = serviceContainer(d);
            assertThat(c.getImage()).as(module + " image").matches("streamq/" + Pattern.quote(module) + "(:[\\w.-]+|@sha256:[0-9a-f]{64})");
            assertThat(c.getImage()).as("no registry host in " + module + "'s image").doesNotContain("/streamq/");
            assertThat(c.getPorts()).as(module + " ports").extracting(ContainerPort::getContainerPort)
                    .containsExactly(Sources.httpPort(module));
        }
        // and no container runs a streamq image that is not one of the modules
        for (Deployment d : all(resources, Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                if (c.getImage().startsWith("streamq/")) {
                    String repo = c.getImage().replaceAll("[:@].*", "").substring("streamq/".length());
                    assertThat(Sources.SERVICES).as("module of image " + c.getImage()).contains(repo);
                    assertThat(Files.isDirectory(Sources.root().resolve(repo))).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void each_service_selects_a_workloads_pods_and_targets_a_declared_port(String overlay) {
        List<HasMetadata> resources = render(overlay);
        Map<String, PodTemplateSpec> templates = podTemplates(resources);
        for (Service s : all(resources, Service.class)) {
            Map<String, String> selector = s.getSpec().getSelector();
            assertThat(selector).as("selector of Service " + s.getMetadata().getName()).isNotEmpty();
            List<PodTemplateSpec> selected = templates.values().stream()
                    .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
            assertThat(selected).as("workloads selected by Service " + s.getMetadata().getName()).hasSize(1);
            List<ContainerPort> declared = selected.get(0).getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts().stream()).toList();
            for (ServicePort port : s.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort();
                boolean found = declared.stream().anyMatch(cp -> target.getStrVal() != null
                        ? target.getStrVal().equals(cp.getName())
                        : Objects.equals(target.getIntVal(), cp.getContainerPort()));
                assertThat(found).as("Service " + s.getMetadata().getName() + " targets " + target + " among " + declared).isTrue();
            }
        }
        for (String module : Sources.SERVICES) {
            Service s = all(resources, Service.class).stream().filter(x -> x.getMetadata().getName().equals(module))
                    .findFirst().orElseThrow(() -> new AssertionError("no Service " + module));
            assertThat(s.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(Sources.httpPort(module));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probes_are_the_smallrye_health_endpoints(String overlay) {
        List<HasMetadata> resources = render(overlay);
        for (String module : Sources.SERVICES) {
            Container c = serviceContainer(deployment(resources, module));
            assertProbe(module + " startup", c.getStartupProbe(), "/q/health/started");
            assertProbe(module + " readiness", c.getReadinessProbe(), "/q/health/ready");
            assertProbe(module + " liveness", c.getLivenessProbe(), "/q/health/live");
        }
    }

    private static void assertProbe(String what, Probe probe, String path) {
        assertThat(probe).as(what + " probe").isNotNull();
        assertThat(probe.getHttpGet()).as(what + " probe is an HTTP GET").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what + " path").isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(what + " port").isEqualTo("http");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void every_container_is_locked_down_and_sized(String overlay) {
        List<HasMetadata> resources = render(overlay);
        for (Map.Entry<String, PodTemplateSpec> e : podTemplates(resources).entrySet()) {
            PodSpec pod = e.getValue().getSpec();
            for (Container c : pod.getContainers()) {
                String what = e.getKey() + "/" + c.getName();
                var sc = c.getSecurityContext();
                assertThat(sc).as(what + " securityContext").isNotNull();
                assertThat(sc.getAllowPrivilegeEscalation()).as(what + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getReadOnlyRootFilesystem()).as(what + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getPrivileged()).as(what + " privileged").isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getCapabilities().getDrop()).as(what + " drops").contains("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(what + " adds").isNullOrEmpty();
                boolean nonRoot = Boolean.TRUE.equals(sc.getRunAsNonRoot())
                        || pod.getSecurityContext() != null && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
                assertThat(nonRoot).as(what + " runAsNonRoot").isTrue();
                assertThat(c.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(what + " limits").containsKeys("cpu", "memory");
            }
        }
        for (String module : Sources.SERVICES) {
            Deployment d = deployment(resources, module);
            Container c = serviceContainer(d);
            String tmpVolume = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                    .orElseThrow(() -> new AssertionError(module + " mounts nothing at /tmp")).getName();
            assertThat(d.getSpec().getTemplate().getSpec().getVolumes()).as(module + " /tmp volume")
                    .anyMatch(v -> v.getName().equals(tmpVolume) && v.getEmptyDir() != null);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void worker_pods_outlive_their_graceful_shutdown(String overlay) {
        List<HasMetadata> resources = render(overlay);
        Deployment worker = deployment(resources, "worker-service");
        Map<String, String> env = environment(resources, serviceContainer(worker));
        Duration grace = Duration.parse(env.getOrDefault("STREAMQ_WORKER_SHUTDOWN_GRACE", workerGraceDefault()));
        String timeout = Sources.applicationProperties("worker-service").getProperty("quarkus.shutdown.timeout", "0s");
        long shutdownTimeout = Long.parseLong(timeout.replaceAll("s$", ""));
        var preStop = serviceContainer(worker).getLifecycle() == null ? null : serviceContainer(worker).getLifecycle().getPreStop();
        long sleep = preStop != null && preStop.getSleep() != null ? preStop.getSleep().getSeconds() : 0;
        long needed = sleep + shutdownTimeout + grace.toSeconds();
        assertThat(worker.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("worker terminationGracePeriodSeconds vs preStop %ss + quarkus.shutdown.timeout %ss + shutdown-grace %s",
                        sleep, shutdownTimeout, grace)
                .isGreaterThan(needed);
    }

    private static String workerGraceDefault() {
        String src = Sources.read(Sources.root().resolve("worker-service/src/main/java/io/streamq/worker/engine/WorkerConfig.java"));
        Matcher m = Pattern.compile(
                "@WithDefault\\(\"([^\"]+)\"\\)(?:\\s*@\\w+(?:\\([^)]*\\))?)*\\s*Duration\\s+shutdownGrace\\(\\)").matcher(src);
        assertThat(m.find()).as("WorkerConfig.shutdownGrace default").isTrue();
        return m.group(1);
    }

    /** The environment a container gets: its env entries and the data of the ConfigMaps it takes whole. */
    private static Map<String, String> environment(List<HasMetadata> resources, Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
            assertThat(from.getSecretRef()).as(c.getName() + ": envFrom a Secret hides the variable names from these checks; "
                    + "list them with secretKeyRef").isNull();
            String name = from.getConfigMapRef().getName();
            ConfigMap cm = all(resources, ConfigMap.class).stream().filter(x -> x.getMetadata().getName().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError(c.getName() + " takes the missing ConfigMap " + name));
            env.putAll(cm.getData());
        }
        for (EnvVar v : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
            env.put(v.getName(), v.getValue());
        }
        return env;
    }

    /** Quarkus config roots by extension: QUARKUS_<ROOT>_* is honoured only with the extension in the module's pom. */
    private static final Map<String, String> QUARKUS_ROOTS = Map.of(
            "REDIS_", "quarkus-redis-client",
            "MAILER_", "quarkus-mailer",
            "WEBSOCKETS_NEXT_", "quarkus-websockets-next",
            "SMALLRYE_JWT_", "quarkus-smallrye-jwt",
            "MICROMETER_", "quarkus-micrometer-registry-prometheus",
            "SMALLRYE_HEALTH_", "quarkus-smallrye-health",
            "REST_", "quarkus-rest-jackson");
    private static final List<String> QUARKUS_CORE_ROOTS = List.of("HTTP_", "LOG_", "SHUTDOWN_", "THREAD_POOL_", "VERTX_", "PROFILE");

    @ParameterizedTest
    @MethodSource("overlays")
    void every_environment_variable_is_read_by_its_service(String overlay) {
        List<HasMetadata> resources = render(overlay);
        List<String> unread = new ArrayList<>();
        for (String module : Sources.SERVICES) {
            Sources.ConfigNames names = Sources.configNames(module);
            Set<String> exactEnv = names.exact().stream().map(Sources::envName).collect(Collectors.toSet());
            Set<String> prefixEnv = names.prefixes().stream().map(p -> Sources.envName(p) + "_").collect(Collectors.toSet());
            Set<String> pom = Sources.pomArtifacts(module);
            for (String env : environment(resources, serviceContainer(deployment(resources, module))).keySet()) {
                boolean read = exactEnv.contains(env)
                        || names.envReferences().contains(env)
                        || prefixEnv.stream().anyMatch(env::startsWith)
                        || quarkusRead(env, pom);
                if (!read) {
                    unread.add(module + ": " + env);
                }
            }
        }
        assertThat(unread).as("variables the manifests set that no configuration of the service reads").isEmpty();
    }

    private static boolean quarkusRead(String env, Set<String> pom) {
        if (!env.startsWith("QUARKUS_")) {
            return false;
        }
        String rest = env.substring("QUARKUS_".length());
        if (QUARKUS_CORE_ROOTS.stream().anyMatch(rest::startsWith)) {
            return true;
        }
        return QUARKUS_ROOTS.entrySet().stream().anyMatch(e -> rest.startsWith(e.getKey()) && pom.contains(e.getValue()));
    }

    @Test
    void the_environment_check_refuses_what_no_service_reads() {
        Sources.ConfigNames worker = Sources.configNames("worker-service");
        Set<String> env = worker.exact().stream().map(Sources::envName).collect(Collectors.toSet());
        assertThat(env).contains("STREAMQ_WORKER_SHUTDOWN_GRACE", "STREAMQ_QUEUE_AI_CONCURRENCY");
        assertThat(env).doesNotContain("STREAMQ_WORKER_SHUTDOWN_GRAC", "MP_JWT_VERIFY_ISSUER", "STREAMQ_SECURITY_TRUSTED_PROXIES");
        assertThat(quarkusRead("QUARKUS_MAILER_HOST", Sources.pomArtifacts("producer-service"))).isFalse();
        assertThat(quarkusRead("QUARKUS_MAILER_HOST", Sources.pomArtifacts("worker-service"))).isTrue();
        Set<String> console = Sources.configNames("realtime-gateway").exact();
        assertThat(console).contains("streamq.console.api-base.monitor", "streamq.gateway.allowed-origins",
                "streamq.security.trusted-proxies");
    }

    // ---- ingress -----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("overlays")
    void the_ingress_routes_every_public_path_to_its_service(String overlay) {
        List<HasMetadata> resources = render(overlay);
        List<Ingress> ingresses = all(resources, Ingress.class);
        Set<String> hosts = ingresses.stream().flatMap(i -> i.getSpec().getRules().stream()).map(IngressRule::getHost)
                .collect(Collectors.toSet());
        assertThat(hosts).as("one host").hasSize(1);
        Map<String, String> routes = new LinkedHashMap<>();
        for (Ingress i : ingresses) {
            for (IngressRule rule : i.getSpec().getRules()) {
                for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                    assertThat(p.getPathType()).as(p.getPath()).isEqualTo("Prefix");
                    assertThat(routes.put(p.getPath(), p.getBackend().getService().getName())).as("duplicate " + p.getPath()).isNull();
                    assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http");
                }
            }
        }
        assertThat(routes.keySet()).as("Quarkus's /q endpoints stay private").noneMatch(p -> p.equals("/") || p.startsWith("/q"));
        List<String> wrong = new ArrayList<>();
        int count = 0;
        for (String module : Sources.SERVICES) {
            for (String prefix : Sources.publicPathPrefixes(module)) {
                count++;
                String target = routes.entrySet().stream().filter(r -> prefixMatches(r.getKey(), prefix))
                        .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                        .map(Map.Entry::getValue).orElse("(nothing)");
                if (!target.equals(module)) {
                    wrong.add(prefix + " of " + module + " goes to " + target);
                }
            }
        }
        assertThat(count).as("public paths found in the sources").isGreaterThan(10);
        assertThat(wrong).as("public paths the ingress does not route to their service").isEmpty();
        // the WebSocket Ingress has the long timeouts
        Ingress ws = ingresses.stream().filter(i -> i.getSpec().getRules().stream().flatMap(r -> r.getHttp().getPaths().stream())
                .anyMatch(p -> p.getPath().equals("/owner/realtime"))).findFirst().orElseThrow();
        assertThat(ws.getMetadata().getAnnotations()).containsKeys("nginx.ingress.kubernetes.io/proxy-read-timeout",
                "nginx.ingress.kubernetes.io/proxy-send-timeout");
        assertThat(Integer.parseInt(ws.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
                .isGreaterThanOrEqualTo(600);
    }

    @Test
    void the_path_scanner_understands_the_dlq_alternation() {
        assertThat(Sources.fixedPrefixes("/owner/{family: dlq|queues/dlq}/{id}/replay"))
                .containsExactly("/owner/dlq", "/owner/queues/dlq");
        assertThat(Sources.fixedPrefixes("/owner/queues/{queueName}/jobs")).containsExactly("/owner/queues");
        assertThat(Sources.publicPathPrefixes("dlq-service")).contains("/owner/dlq/analytics", "/owner/queues/dlq/export");
        assertThat(Sources.publicPathPrefixes("realtime-gateway")).contains("/owner/realtime", "/owner/config.json");
    }

    /** pathType Prefix: element-wise prefix of the request path. */
    static boolean prefixMatches(String ingressPath, String path) {
        String p = ingressPath.endsWith("/") && ingressPath.length() > 1 ? ingressPath.substring(0, ingressPath.length() - 1) : ingressPath;
        return p.equals("/") || path.equals(p) || path.startsWith(p + "/");
    }

    // ---- autoscaling -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("overlays")
    void keda_scales_workers_on_the_real_streams_and_consumer_group(String overlay) {
        List<HasMetadata> resources = render(overlay);
        for (GenericKubernetesResource so : custom(resources, "ScaledObject")) {
            Map<String, Object> spec = map(so.getAdditionalProperties().get("spec"));
            assertThat(map(spec.get("scaleTargetRef")).get("name")).isEqualTo("worker-service");
            assertThat(((Number) spec.get("minReplicaCount")).intValue()).as("workers also promote delayed jobs").isGreaterThanOrEqualTo(1);
            Set<String> streams = new LinkedHashSet<>();
            for (Object t : (List<?>) spec.get("triggers")) {
                Map<String, Object> trigger = map(t);
                assertThat(trigger.get("type")).isIn("redis-streams", "redis-cluster-streams");
                Map<String, Object> md = map(trigger.get("metadata"));
                assertThat(md.get("consumerGroup")).isEqualTo(QueueKeys.CONSUMER_GROUP);
                assertThat(md.get("lagCount") != null || md.get("pendingEntriesCount") != null)
                        .as("trigger on the group's lag or pending entries, not the stream length").isTrue();
                streams.add((String) md.get("stream"));
                if ("redis-streams".equals(trigger.get("type"))) {
                    assertThat((String) md.get("address")).as("KEDA runs in its own namespace").contains(".svc");
                }
            }
            assertThat(streams).containsExactlyInAnyOrderElementsOf(
                    QueueName.workQueues().stream().map(q -> QueueKeys.of(q).stream()).toList());
        }
        for (HorizontalPodAutoscaler hpa : all(resources, HorizontalPodAutoscaler.class)) {
            Deployment target = deployment(resources, hpa.getSpec().getScaleTargetRef().getName());
            assertThat(target.getSpec().getReplicas()).as("autoscaled " + target.getMetadata().getName() + " leaves replicas to the HPA").isNull();
            assertThat(hpa.getSpec().getMetrics()).anyMatch(m -> m.getResource() != null && m.getResource().getName().equals("cpu"));
        }
    }

    @Test
    void prod_autoscales_and_dev_does_not() {
        List<HasMetadata> prod = render("prod");
        assertThat(custom(prod, "ScaledObject")).hasSize(1);
        assertThat(all(prod, HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("producer-service", "realtime-gateway");
        assertThat(all(prod, StatefulSet.class)).as("prod uses an external Redis").isEmpty();
        ConfigMap common = all(prod, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().startsWith("streamq-common")).findFirst().orElseThrow();
        assertThat(common.getData()).containsEntry("QUARKUS_REDIS_CLIENT_TYPE", "cluster");
        List<HasMetadata> dev = render("dev");
        assertThat(custom(dev, "ScaledObject")).isEmpty();
        assertThat(all(dev, HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(all(dev, Deployment.class)).allMatch(d -> d.getSpec().getReplicas() == 1);
        StatefulSet redis = all(dev, StatefulSet.class).stream().filter(s -> s.getMetadata().getName().equals("redis")).findFirst().orElseThrow();
        assertThat(redis.getSpec().getVolumeClaimTemplates()).isNotEmpty();
        ConfigMap redisConf = all(dev, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().startsWith("redis-config")).findFirst().orElseThrow();
        assertThat(redisConf.getData().get("redis.conf")).contains("appendonly yes", "appendfsync everysec");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void disruption_budgets_and_spreading_cover_every_service(String overlay) {
        List<HasMetadata> resources = render(overlay);
        for (String module : Sources.SERVICES) {
            Deployment d = deployment(resources, module);
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(all(resources, PodDisruptionBudget.class)).as("PDB of " + module)
                    .anyMatch(p -> labels.entrySet().containsAll(p.getSpec().getSelector().getMatchLabels().entrySet()));
            assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).as("spread of " + module)
                    .anyMatch(t -> t.getTopologyKey().equals("kubernetes.io/hostname"));
        }
    }

    // ---- network policies --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("overlays")
    void network_policies_deny_by_default_and_only_workers_reach_the_internet(String overlay) {
        List<HasMetadata> resources = render(overlay);
        List<NetworkPolicy> policies = all(resources, NetworkPolicy.class);
        assertThat(policies).as("a default-deny policy").anyMatch(p -> (p.getSpec().getPodSelector().getMatchLabels() == null
                || p.getSpec().getPodSelector().getMatchLabels().isEmpty())
                && (p.getSpec().getPodSelector().getMatchExpressions() == null || p.getSpec().getPodSelector().getMatchExpressions().isEmpty())
                && p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty()
                && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")));
        for (NetworkPolicy p : policies) {
            boolean internet = p.getSpec().getEgress().stream().flatMap(e -> e.getTo().stream())
                    .anyMatch(peer -> peer.getIpBlock() != null && peer.getIpBlock().getCidr().equals("0.0.0.0/0"));
            if (internet) {
                assertThat(p.getSpec().getPodSelector().getMatchLabels()).as(p.getMetadata().getName())
                        .containsExactly(Map.entry("app.kubernetes.io/name", "worker-service"));
                assertThat(p.getSpec().getEgress()).allSatisfy(e -> assertThat(e.getPorts())
                        .extracting(port -> port.getPort().getIntVal()).containsExactlyInAnyOrder(443, 25, 587));
            }
        }
        // the public services accept the ingress controller; the worker accepts nobody but Prometheus
        NetworkPolicy fromIngress = policies.stream().filter(p -> p.getMetadata().getName().equals("allow-from-ingress-controller")).findFirst().orElseThrow();
        Map<String, String> publicSelector = fromIngress.getSpec().getPodSelector().getMatchLabels();
        for (Ingress i : all(resources, Ingress.class)) {
            i.getSpec().getRules().forEach(r -> r.getHttp().getPaths().forEach(p -> assertThat(deployment(resources,
                    p.getBackend().getService().getName()).getSpec().getTemplate().getMetadata().getLabels())
                    .as("pods behind " + p.getPath()).containsAllEntriesOf(publicSelector)));
        }
        assertThat(deployment(resources, "worker-service").getSpec().getTemplate().getMetadata().getLabels())
                .doesNotContainKeys(publicSelector.keySet().toArray(String[]::new));
    }

    // ---- observability -----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("overlays")
    void service_monitors_scrape_q_metrics_where_it_exists(String overlay) {
        List<HasMetadata> resources = render(overlay);
        List<GenericKubernetesResource> monitors = custom(resources, "ServiceMonitor");
        for (String module : Sources.SERVICES) {
            boolean exports = Sources.pomArtifacts(module).contains("quarkus-micrometer-registry-prometheus");
            Optional<GenericKubernetesResource> sm = monitors.stream().filter(m -> m.getMetadata().getName().equals(module)).findFirst();
            assertThat(sm.isPresent()).as(module + " has a ServiceMonitor iff it exports Prometheus metrics").isEqualTo(exports);
            sm.ifPresent(m -> {
                Map<String, Object> spec = map(m.getAdditionalProperties().get("spec"));
                assertThat(map(map(spec.get("selector")).get("matchLabels"))).containsEntry("app.kubernetes.io/name", module);
                Map<String, Object> endpoint = map(((List<?>) spec.get("endpoints")).get(0));
                assertThat(endpoint).containsEntry("path", "/q/metrics").containsEntry("port", "http");
            });
        }
    }

    private static final Pattern METRIC = Pattern.compile("\\b(streamq_[a-z_]+|redis_[a-z_]+)\\b");
    private static final Pattern HEADING = Pattern.compile("^#+\\s+(.+)$", Pattern.MULTILINE);

    @ParameterizedTest
    @MethodSource("overlays")
    void alerts_and_dashboard_use_real_metrics_and_existing_runbooks(String overlay) {
        List<HasMetadata> resources = render(overlay);
        Set<String> known = Sources.prometheusMetricNames();
        assertThat(known).contains("streamq_queue_critical", "streamq_queue_dlq_entries", "streamq_queue_error_ratio");
        Set<String> anchors = new LinkedHashSet<>();
        Matcher h = HEADING.matcher(Sources.read(Sources.root().resolve("docs/operations.md")));
        while (h.find()) {
            anchors.add(h.group(1).trim().toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        Set<String> alerts = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (GenericKubernetesResource rule : custom(resources, "PrometheusRule")) {
            for (Object g : (List<?>) map(rule.getAdditionalProperties().get("spec")).get("groups")) {
                for (Object r : (List<?>) map(g).get("rules")) {
                    Map<String, Object> alert = map(r);
                    alerts.add((String) alert.get("alert"));
                    String runbook = (String) map(alert.get("annotations")).get("runbook_url");
                    if (runbook == null || !runbook.contains("operations.md#") || !anchors.contains(runbook.substring(runbook.indexOf('#') + 1))) {
                        problems.add(alert.get("alert") + ": runbook_url " + runbook + " names no section of docs/operations.md");
                    }
                    problems.addAll(unknownMetrics(alert.get("alert") + "", (String) alert.get("expr"), known));
                }
            }
        }
        assertThat(alerts).contains("StreamqQueueCritical", "StreamqDlqGrowing", "StreamqNoLiveWorkers",
                "StreamqHighErrorRate", "StreamqRedisDown");
        ConfigMap dashboard = all(resources, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getLabels() != null && "1".equals(c.getMetadata().getLabels().get("grafana_dashboard")))
                .findFirst().orElseThrow(() -> new AssertionError("no Grafana dashboard ConfigMap"));
        String json = dashboard.getData().values().iterator().next();
        problems.addAll(unknownMetrics("dashboard", json, known));
        for (String needed : List.of("streamq_queue_jobs", "streamq_queue_throughput_per_minute", "streamq_queue_processing_ms",
                "streamq_queue_error_ratio", "streamq_queue_dlq_entries", "streamq_queue_health_score")) {
            assertThat(json).as("dashboard shows " + needed).contains(needed);
        }
        assertThat(problems).isEmpty();
    }

    private static List<String> unknownMetrics(String where, String text, Set<String> known) {
        List<String> unknown = new ArrayList<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            boolean redisExporter = name.equals("redis_up");
            if (!redisExporter && !known.contains(name)) {
                unknown.add(where + ": unknown metric " + name);
            }
        }
        return unknown;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (!(o instanceof Map)) {
            fail("expected a mapping, got " + o);
        }
        return (Map<String, Object>) o;
    }
}
