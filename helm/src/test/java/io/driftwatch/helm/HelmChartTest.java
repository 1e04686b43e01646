package io.driftwatch.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Lints and renders helm/driftwatch in-process (helm-java embeds the Helm Go library: no helm binary)
 * and checks the rendered manifests.
 */
class HelmChartTest {

  static final String RELEASE = "driftwatch";
  static final List<String> SERVICES = List.of("collector", "snapshot-diff", "evaluator", "notifier");
  static final String ROLE_ARN = "arn:aws:iam::111122223333:role/driftwatch-collector";

  /** Kubernetes version assumed by helm template (helm-java's embedded default is older than the chart's kubeVersion). */
  static final String KUBE_VERSION = "1.31.0";

  static Path chartDir;

  @TempDir
  static Path tmp;

  @BeforeAll
  static void locateChart() {
    chartDir = Paths.get(System.getProperty("driftwatch.chart.dir", "driftwatch")).toAbsolutePath().normalize();
    assertThat(chartDir.resolve("Chart.yaml")).as("chart at %s", chartDir).isRegularFile();
  }

  // ---------------------------------------------------------------- helpers

  /** helm template with the required values (the ones values.yaml cannot default). */
  static TemplateCommand template() {
    return new Helm(chartDir).template().withName(RELEASE).withNamespace("driftwatch").withKubeVersion(KUBE_VERSION);
  }

  /** A values file (lists can not be passed through helm-java's set()). */
  static Path valuesFile(String yaml) {
    try {
      return Files.writeString(Files.createTempFile(tmp, "values-", ".yaml"), yaml);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static TemplateCommand templateWithRequired() {
    return template()
        .set("kafka.bootstrapServers", "kafka-bootstrap.kafka:9092")
        .set("postgresql.jdbcUrl", "jdbc:postgresql://driftwatch-db-rw.db:5432/driftwatch")
        .set("postgresql.existingSecret", "driftwatch-db-app")
        .set("collector.serviceAccount.roleArn", ROLE_ARN);
  }

  static List<Map<String, Object>> render(UnaryOperator<TemplateCommand> customizer) {
    String manifests = customizer.apply(templateWithRequired()).call();
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(manifests)) {
      if (doc != null) {
        docs.add(map(doc));
      }
    }
    return docs;
  }

  static List<Map<String, Object>> render() {
    return render(UnaryOperator.identity());
  }

  static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).collect(Collectors.toList());
  }

  static Map<String, Object> named(List<Map<String, Object>> docs, String kind, String name) {
    return ofKind(docs, kind).stream()
        .filter(d -> name.equals(path(d, "metadata", "name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + " " + name + " not rendered"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) o;
  }

  static Object path(Map<String, Object> root, String... keys) {
    Object current = root;
    for (String key : keys) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<?, ?>) current).get(key);
    }
    return current;
  }

  static Map<String, Object> podSpec(Map<String, Object> deployment) {
    return map(path(deployment, "spec", "template", "spec"));
  }

  static List<Map<String, Object>> containers(Map<String, Object> deployment) {
    return list(podSpec(deployment).get("containers")).stream().map(HelmChartTest::map).collect(Collectors.toList());
  }

  static Map<String, Map<String, Object>> envByName(Map<String, Object> container) {
    return list(container.get("env")).stream()
        .map(HelmChartTest::map)
        .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
  }

  // ---------------------------------------------------------------- lint

  @Test
  void lintPassesStrict() {
    LintResult result = new Helm(chartDir).lint().strict().call();
    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  // ---------------------------------------------------------------- template

  @Test
  void rendersFourDeploymentsAndFourServices() {
    List<Map<String, Object>> docs = render();
    List<String> expected = SERVICES.stream().map(s -> RELEASE + "-" + s).collect(Collectors.toList());

    assertThat(ofKind(docs, "Deployment")).extracting(d -> path(d, "metadata", "name"))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(ofKind(docs, "Service")).extracting(d -> path(d, "metadata", "name"))
        .containsExactlyInAnyOrderElementsOf(expected);

    for (String service : SERVICES) {
      Map<String, Object> svc = named(docs, "Service", RELEASE + "-" + service);
      assertThat(path(svc, "spec", "type")).isEqualTo("ClusterIP");
      assertThat(list(path(svc, "spec", "ports"))).singleElement()
          .satisfies(p -> {
            assertThat(map(p)).containsEntry("name", "http").containsEntry("port", 8080);
          });
      assertThat(map(path(svc, "spec", "selector")))
          .containsEntry("app.kubernetes.io/component", service)
          .containsEntry("app.kubernetes.io/instance", RELEASE);

      Map<String, Object> deployment = named(docs, "Deployment", RELEASE + "-" + service);
      assertThat(map(path(deployment, "metadata", "labels")))
          .containsEntry("app.kubernetes.io/name", "driftwatch")
          .containsEntry("app.kubernetes.io/instance", RELEASE)
          .containsEntry("app.kubernetes.io/component", service)
          .containsEntry("app.kubernetes.io/part-of", "driftwatch");
      assertThat(map(path(deployment, "spec", "template", "metadata", "labels")))
          .containsAllEntriesOf(map(path(svc, "spec", "selector")));
      assertThat(containers(deployment)).singleElement()
          .satisfies(c -> assertThat(c.get("image")).isEqualTo("ghcr.io/driftwatch/driftwatch-" + service + ":0.1.0"));
      assertThat(map(path(deployment, "spec", "template", "metadata", "annotations")))
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/path", "/q/metrics")
          .containsEntry("prometheus.io/port", "8080");
    }
  }

  @Test
  void everyContainerHasProbesResourcesAndHardenedSecurityContext() {
    List<Map<String, Object>> deployments = ofKind(render(), "Deployment");
    assertThat(deployments).hasSize(4);
    for (Map<String, Object> deployment : deployments) {
      Map<String, Object> pod = podSpec(deployment);
      assertThat(path(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
      assertThat(path(pod, "securityContext", "runAsUser")).isEqualTo(185);
      assertThat(path(pod, "securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
      assertThat(list(pod.get("volumes"))).anySatisfy(v -> {
        assertThat(map(v)).containsEntry("name", "tmp").containsKey("emptyDir");
      });

      for (Map<String, Object> c : containers(deployment)) {
        String where = path(deployment, "metadata", "name") + "/" + c.get("name");
        assertThat((String) path(c, "livenessProbe", "httpGet", "path")).as(where).isEqualTo("/q/health/live");
        assertThat((String) path(c, "readinessProbe", "httpGet", "path")).as(where).isEqualTo("/q/health/ready");
        assertThat((String) path(c, "startupProbe", "httpGet", "path")).as(where).startsWith("/q/health/");

        assertThat(map(path(c, "resources", "requests"))).as(where).containsKeys("cpu", "memory");
        assertThat(map(path(c, "resources", "limits"))).as(where).containsKeys("cpu", "memory");

        assertThat(path(c, "securityContext", "runAsNonRoot")).as(where).isEqualTo(true);
        assertThat(path(c, "securityContext", "readOnlyRootFilesystem")).as(where).isEqualTo(true);
        assertThat(path(c, "securityContext", "allowPrivilegeEscalation")).as(where).isEqualTo(false);
        assertThat(list(path(c, "securityContext", "capabilities", "drop"))).as(where).containsExactly("ALL");
        assertThat(path(c, "securityContext", "seccompProfile", "type")).as(where).isEqualTo("RuntimeDefault");

        assertThat(list(c.get("ports"))).as(where).singleElement()
            .satisfies(p -> assertThat(map(p)).containsEntry("name", "http").containsEntry("containerPort", 8080));
        assertThat(list(c.get("volumeMounts"))).as(where).anySatisfy(m -> {
          assertThat(map(m)).containsEntry("name", "tmp").containsEntry("mountPath", "/tmp");
        });

        Map<String, Map<String, Object>> env = envByName(c);
        assertThat(env).as(where).containsKeys("QUARKUS_HTTP_PORT", "DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS",
            "DRIFTWATCH_JDBC_URL", "DRIFTWATCH_JDBC_USER", "DRIFTWATCH_JDBC_PASSWORD");
        assertThat(env.get("QUARKUS_HTTP_PORT")).containsEntry("value", "8080");
        assertThat(env.get("DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS")).containsEntry("value", "kafka-bootstrap.kafka:9092");
        assertThat(path(env.get("DRIFTWATCH_JDBC_PASSWORD"), "valueFrom", "secretKeyRef", "name")).isEqualTo("driftwatch-db-app");
        assertThat(path(env.get("DRIFTWATCH_JDBC_PASSWORD"), "valueFrom", "secretKeyRef", "key")).isEqualTo("password");
        assertThat(path(env.get("DRIFTWATCH_JDBC_USER"), "valueFrom", "secretKeyRef", "key")).isEqualTo("username");
      }
    }
  }

  @Test
  void secretsAreOnlyEverReferencedNeverLiteral() {
    // Every optional secret reference switched on, so that every secret env var is rendered.
    List<Map<String, Object>> docs = render(t -> t
        .set("collector.aws.externalId.existingSecret", "driftwatch-aws-external-id")
        .set("notifier.webhook.secret.existingSecret", "driftwatch-webhook")
        .withValuesFile(valuesFile("notifier:\n  webhook:\n    urls:\n"
            + "      - https://soc.example.com/hook\n      - https://siem.example.com/in\n")));

    List<String> secretVars = new ArrayList<>();
    for (Map<String, Object> deployment : ofKind(docs, "Deployment")) {
      for (Map<String, Object> c : containers(deployment)) {
        for (Map<String, Object> e : envByName(c).values()) {
          String name = ((String) e.get("name")).toUpperCase();
          if (name.contains("PASSWORD") || name.contains("SECRET") || name.contains("EXTERNAL_ID")) {
            secretVars.add(name);
            assertThat(e).as("%s in %s", name, path(deployment, "metadata", "name")).doesNotContainKey("value");
            assertThat(path(e, "valueFrom", "secretKeyRef", "name")).as(name).isNotNull();
            assertThat(path(e, "valueFrom", "secretKeyRef", "key")).as(name).isNotNull();
          }
        }
      }
    }
    assertThat(secretVars).contains("DRIFTWATCH_JDBC_PASSWORD", "DRIFTWATCH_WEBHOOK_SECRET", "DRIFTWATCH_AWS_EXTERNAL_ID");
    // The chart never creates a Secret of its own.
    assertThat(ofKind(docs, "Secret")).isEmpty();

    Map<String, Map<String, Object>> notifierEnv = envByName(containers(named(docs, "Deployment", RELEASE + "-notifier")).get(0));
    assertThat(notifierEnv.get("DRIFTWATCH_WEBHOOK_URLS"))
        .containsEntry("value", "https://soc.example.com/hook,https://siem.example.com/in");
    assertThat(path(notifierEnv.get("DRIFTWATCH_WEBHOOK_SECRET"), "valueFrom", "secretKeyRef", "name")).isEqualTo("driftwatch-webhook");
  }

  @Test
  void collectorHasIrsaServiceAccountAndAwsSettings() {
    List<Map<String, Object>> docs = render(t -> t.withValuesFile(
        valuesFile("collector:\n  aws:\n    regions: [eu-west-1, us-east-1]\n")));

    Map<String, Object> collectorSa = named(docs, "ServiceAccount", RELEASE + "-collector");
    assertThat(map(path(collectorSa, "metadata", "annotations"))).containsEntry("eks.amazonaws.com/role-arn", ROLE_ARN);
    assertThat(collectorSa.get("automountServiceAccountToken")).isEqualTo(true);

    Map<String, Object> sharedSa = named(docs, "ServiceAccount", RELEASE);
    assertThat(path(sharedSa, "metadata", "annotations")).isNull();
    assertThat(sharedSa.get("automountServiceAccountToken")).isEqualTo(false);
    assertThat(ofKind(docs, "ServiceAccount")).hasSize(2);

    Map<String, Object> collector = named(docs, "Deployment", RELEASE + "-collector");
    assertThat(podSpec(collector).get("serviceAccountName")).isEqualTo(RELEASE + "-collector");
    Map<String, Map<String, Object>> env = envByName(containers(collector).get(0));
    assertThat(env.get("DRIFTWATCH_AWS_ROLE_NAME")).containsEntry("value", "DriftwatchReadOnly");
    assertThat(env.get("DRIFTWATCH_AWS_REGIONS")).containsEntry("value", "eu-west-1,us-east-1");
    assertThat(env).containsKey("DRIFTWATCH_COLLECTION_CRON");
    assertThat(env.get("JAVA_TOOL_OPTIONS")).containsEntry("value", "-XX:TieredStopAtLevel=1");
    // No static AWS credentials, ever.
    assertThat(env.keySet()).noneMatch(n -> n.startsWith("AWS_ACCESS_KEY") || n.startsWith("AWS_SECRET"));

    for (String other : List.of("snapshot-diff", "evaluator", "notifier")) {
      Map<String, Object> pod = podSpec(named(docs, "Deployment", RELEASE + "-" + other));
      assertThat(pod.get("serviceAccountName")).as(other).isEqualTo(RELEASE);
      assertThat(pod.get("automountServiceAccountToken")).as(other).isEqualTo(false);
      assertThat(envByName(containers(named(docs, "Deployment", RELEASE + "-" + other)).get(0)))
          .as(other).doesNotContainKeys("DRIFTWATCH_AWS_ROLE_NAME", "DRIFTWATCH_AWS_REGIONS");
    }
  }

  @Test
  void networkPoliciesAdmitOnlyPort8080() {
    List<Map<String, Object>> policies = ofKind(render(), "NetworkPolicy");
    assertThat(policies).extracting(p -> path(p, "metadata", "name"))
        .containsExactlyInAnyOrderElementsOf(SERVICES.stream().map(s -> RELEASE + "-" + s).collect(Collectors.toList()));
    for (Map<String, Object> policy : policies) {
      assertThat(list(path(policy, "spec", "policyTypes"))).containsExactly("Ingress");
      List<Object> rules = list(path(policy, "spec", "ingress"));
      assertThat(rules).isNotEmpty().allSatisfy(r -> assertThat(list(map(r).get("ports"))).singleElement()
          .satisfies(p -> assertThat(map(p)).containsEntry("port", 8080).containsEntry("protocol", "TCP")));
    }
    assertThat(ofKind(render(t -> t.set("networkPolicy.enabled", false)), "NetworkPolicy")).isEmpty();
  }

  @Test
  void ingressIsOffByDefaultAndRoutesApiPrefixesWhenEnabled() {
    assertThat(ofKind(render(), "Ingress")).isEmpty();

    List<Map<String, Object>> docs = render(t -> t
        .set("ingress.enabled", true)
        .set("ingress.className", "nginx")
        .set("ingress.host", "driftwatch.example.com"));
    List<Map<String, Object>> ingresses = ofKind(docs, "Ingress");
    assertThat(ingresses).hasSize(1);
    Map<String, Object> ingress = ingresses.get(0);
    assertThat(ingress.get("apiVersion")).isEqualTo("networking.k8s.io/v1");
    assertThat(path(ingress, "spec", "ingressClassName")).isEqualTo("nginx");
    Map<String, Object> rule = map(list(path(ingress, "spec", "rules")).get(0));
    assertThat(rule.get("host")).isEqualTo("driftwatch.example.com");

    Map<String, String> routes = new java.util.LinkedHashMap<>();
    for (Object p : list(path(rule, "http", "paths"))) {
      Map<String, Object> route = map(p);
      assertThat(route.get("pathType")).isEqualTo("Prefix");
      assertThat(path(route, "backend", "service", "port", "name")).isEqualTo("http");
      routes.put((String) route.get("path"), (String) path(route, "backend", "service", "name"));
    }
    String c = RELEASE + "-collector", s = RELEASE + "-snapshot-diff", e = RELEASE + "-evaluator", n = RELEASE + "-notifier";
    assertThat(routes).containsExactlyInAnyOrderEntriesOf(Map.of(
        "/api/v1/collections", c,
        "/api/v1/resources", s, "/api/v1/snapshots", s, "/api/v1/inventory", s, "/api/v1/baselines", s, "/api/v1/diff", s,
        "/api/v1/findings", e, "/api/v1/rules", e,
        "/api/v1/alerts", n, "/api/v1/routes", n));
    // Every backend exists.
    List<Object> serviceNames = ofKind(docs, "Service").stream().map(d -> path(d, "metadata", "name")).collect(Collectors.toList());
    assertThat(serviceNames).containsAll(routes.values());
  }

  @Test
  void replicasAndResourcesComeFromValues() {
    List<Map<String, Object>> docs = render(t -> t
        .set("snapshotDiff.replicas", 3)
        .set("evaluator.resources.limits.memory", "2Gi"));
    assertThat(path(named(docs, "Deployment", RELEASE + "-snapshot-diff"), "spec", "replicas")).isEqualTo(3);
    assertThat(path(containers(named(docs, "Deployment", RELEASE + "-evaluator")).get(0), "resources", "limits", "memory"))
        .isEqualTo("2Gi");
  }

  // ---------------------------------------------------------------- failures

  @Test
  void missingRequiredValueFailsSchemaValidation() {
    // Remove each required key in turn (null deletes a key in Helm's value merge): the values schema rejects it.
    Map<String, String> required = Map.of(
        "kafka.bootstrapServers", "kafka:\n  bootstrapServers: null\n",
        "postgresql.jdbcUrl", "postgresql:\n  jdbcUrl: null\n",
        "postgresql.existingSecret", "postgresql:\n  existingSecret: null\n");
    Path complete = valuesFile("kafka:\n  bootstrapServers: kafka:9092\n"
        + "postgresql:\n  jdbcUrl: jdbc:postgresql://db:5432/driftwatch\n  existingSecret: db-app\n");
    assertThat(template().withValuesFile(complete).call()).contains("kind: Deployment");
    required.forEach((key, valuesYaml) -> {
      TemplateCommand command = template().withValuesFile(complete);
      // A later values file wins over an earlier one.
      assertThatThrownBy(() -> command.withValuesFile(valuesFile(valuesYaml)).call())
          .as(key)
          .hasMessageContaining("schema")
          .hasMessageContaining(key.substring(key.indexOf('.') + 1));
    });
  }

  @Test
  void templateWithoutRequiredValuesFails() {
    // Nothing supplied: values.yaml only has empty placeholders, which the templates refuse.
    assertThatThrownBy(() -> template().call())
        .hasMessageContaining("is required");
    assertThatThrownBy(() -> template()
            .set("kafka.bootstrapServers", "kafka:9092")
            .set("postgresql.jdbcUrl", "jdbc:postgresql://db:5432/driftwatch")
            .call())
        .hasMessageContaining("postgresql.existingSecret is required");
  }

  @Test
  void wrongValueTypesFailSchemaValidation() {
    assertThatThrownBy(() -> templateWithRequired().set("collector.replicas", "two").call())
        .hasMessageContaining("schema");
    assertThatThrownBy(() -> templateWithRequired().set("notifier.image", "latest").call())
        .hasMessageContaining("schema");
    assertThatThrownBy(() -> templateWithRequired().set("evaluator.resources.limits", "lots").call())
        .hasMessageContaining("schema");
    // A literal password can not be smuggled into the chart values.
    assertThatThrownBy(() -> templateWithRequired().set("postgresql.password", "hunter2").call())
        .hasMessageContaining("schema");
  }
}
