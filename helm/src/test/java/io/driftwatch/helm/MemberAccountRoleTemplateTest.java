package io.driftwatch.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks deploy/aws/member-account-role.yaml, the CloudFormation (StackSets) template of the read-only role
 * the collector assumes in every member account. The template uses long-form intrinsics only, so a plain
 * safe YAML parser reads it (a short-form "!Ref" tag would make this parse fail).
 */
class MemberAccountRoleTemplateTest {

  /** The reference list: docs/iam/collector-policy.json (JSON is YAML, so the same safe parser reads it). */
  static List<Object> collectorActions;

  static Path awsDir;
  static String source;
  static Map<String, Object> template;

  @BeforeAll
  static void load() throws IOException {
    awsDir = Paths.get(System.getProperty("driftwatch.deploy.aws.dir", "../deploy/aws")).toAbsolutePath().normalize();
    source = Files.readString(awsDir.resolve("member-account-role.yaml"));
    template = HelmChartTest.map(new Yaml(new SafeConstructor(new LoaderOptions())).load(source));
    Map<String, Object> policy = HelmChartTest.map(new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(awsDir.resolve("../../docs/iam/collector-policy.json").normalize())));
    List<Object> statements = HelmChartTest.list(policy.get("Statement"));
    assertThat(statements).singleElement();
    collectorActions = HelmChartTest.list(path(statements.get(0), "Action"));
  }

  static Object path(Object root, String... keys) {
    return HelmChartTest.path(HelmChartTest.map(root), keys);
  }

  static Map<String, Object> role() {
    Map<String, Object> resources = HelmChartTest.map(template.get("Resources"));
    List<Object> roles = resources.values().stream()
        .filter(r -> "AWS::IAM::Role".equals(path(r, "Type")))
        .collect(java.util.stream.Collectors.toList());
    assertThat(roles).hasSize(1);
    return HelmChartTest.map(roles.get(0));
  }

  @Test
  void parameters() {
    assertThat(template.get("AWSTemplateFormatVersion")).isEqualTo("2010-09-09");
    Map<String, Object> parameters = HelmChartTest.map(template.get("Parameters"));
    assertThat(parameters).containsOnlyKeys("RoleName", "DriftwatchPrincipalArn", "ExternalId");
    assertThat(path(parameters, "RoleName", "Default")).isEqualTo("DriftwatchReadOnly");
    assertThat(path(parameters, "DriftwatchPrincipalArn", "Default")).isNull();
    assertThat(path(parameters, "ExternalId", "NoEcho")).isEqualTo(true);
    assertThat(path(parameters, "ExternalId", "Default")).isNull();
    assertThat(path(role(), "Properties", "RoleName")).isEqualTo(Map.of("Ref", "RoleName"));
  }

  @Test
  void trustPolicyAllowsOnlyTheCollectorWithTheExternalId() {
    List<Object> statements = HelmChartTest.list(path(role(), "Properties", "AssumeRolePolicyDocument", "Statement"));
    assertThat(statements).singleElement().satisfies(s -> {
      assertThat(path(s, "Effect")).isEqualTo("Allow");
      assertThat(path(s, "Action")).isEqualTo("sts:AssumeRole");
      assertThat(path(s, "Principal", "AWS")).isEqualTo(Map.of("Ref", "DriftwatchPrincipalArn"));
      assertThat(path(s, "Condition", "StringEquals", "sts:ExternalId")).isEqualTo(Map.of("Ref", "ExternalId"));
    });
  }

  @Test
  void permissionsAreExactlyTheReadOnlyCollectorList() {
    List<Object> policies = HelmChartTest.list(path(role(), "Properties", "Policies"));
    assertThat(policies).singleElement();
    List<Object> statements = HelmChartTest.list(path(policies.get(0), "PolicyDocument", "Statement"));
    assertThat(statements).singleElement().satisfies(s -> {
      assertThat(path(s, "Effect")).isEqualTo("Allow");
      assertThat(HelmChartTest.list(path(s, "Action"))).containsExactlyInAnyOrderElementsOf(collectorActions);
      assertThat(collectorActions).isNotEmpty().allMatch(a -> a.toString().matches("[a-z0-9]+:(Describe|List|Get)\\w+"));
    });
    assertThat(source).doesNotContain("sts:GetCallerIdentity");
    // The list lives in one clearly-marked place.
    assertThat(source.split("COLLECTOR PERMISSIONS", -1)).hasSize(2);
    assertThat(path(role(), "Properties", "ManagedPolicyArns")).isNull();
  }

  @Test
  void readmeExplainsTheServiceManagedStackSet() throws IOException {
    String readme = Files.readString(awsDir.resolve("README.md"));
    assertThat(readme)
        .contains("aws cloudformation create-stack-set")
        .contains("--permission-model SERVICE_MANAGED")
        .contains("--auto-deployment Enabled=true")
        .contains("CAPABILITY_NAMED_IAM")
        .contains("organizations:ListAccounts");
  }
}
