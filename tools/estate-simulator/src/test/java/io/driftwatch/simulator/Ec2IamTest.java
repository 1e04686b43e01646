package io.driftwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.User;

class Ec2IamTest {
  static EstateSimulator sim;
  static SimulatorFixture fx;
  static String member;
  static AwsSessionCredentials session;

  @BeforeAll
  static void start() {
    sim = EstateSimulator.start(SimulatorOptions.builder().seed(11).build());
    fx = new SimulatorFixture(sim);
    member = fx.accounts("ACTIVE").stream().filter(a -> !a.equals(sim.managementAccountId())).findFirst().orElseThrow();
    session = fx.assume(member);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void describeInstancesPaginatesExactlyTheAssumedAccountsInstances() {
    for (String region : sim.regions()) {
      JsonNode truth = fx.adminGet("/admin/accounts/" + member + "/resources").get("regions").get(region);
      Set<String> expected = SimulatorFixture.stream(truth.get("instances")).map(i -> i.get("instanceId").asText())
          .collect(Collectors.toSet());
      try (Ec2Client ec2 = fx.ec2(session, region)) {
        List<Instance> instances = ec2.describeInstancesPaginator(r -> r.maxResults(5)).reservations().stream()
            .flatMap(r -> r.instances().stream()).toList();
        assertThat(instances).extracting(Instance::instanceId).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(instances).allSatisfy(i -> {
          assertThat(i.placement().availabilityZone()).startsWith(region);
          assertThat(i.securityGroups()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        });
        // Page size 5 over 2..6 instances plus a filter round-trip.
        String one = instances.get(0).instanceId();
        assertThat(ec2.describeInstances(r -> r.instanceIds(one)).reservations().get(0).instances().get(0).instanceId())
            .isEqualTo(one);
        assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-id").values(one).build()))
            .reservations()).hasSize(1);
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0000000000000dead")))
            .isInstanceOfSatisfying(Ec2Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
      }
    }
  }

  @Test
  void describeSecurityGroupsPaginatesWithNextToken() {
    String region = sim.regions().get(0);
    JsonNode truth = fx.adminGet("/admin/accounts/" + member + "/resources").get("regions").get(region);
    Set<String> expected = SimulatorFixture.stream(truth.get("securityGroups")).map(g -> g.get("groupId").asText())
        .collect(Collectors.toSet());
    try (Ec2Client ec2 = fx.ec2(session, region)) {
      var pages = ec2.describeSecurityGroupsPaginator(r -> r.maxResults(5)).stream().toList();
      List<SecurityGroup> groups = pages.stream().flatMap(p -> p.securityGroups().stream()).toList();
      assertThat(groups).extracting(SecurityGroup::groupId).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(groups).allSatisfy(g -> assertThat(g.ownerId()).isEqualTo(member));
      assertThat(groups).anySatisfy(g -> assertThat(g.groupName()).isEqualTo("default"));
      assertThat(groups).allSatisfy(g -> assertThat(g.ipPermissionsEgress()).anySatisfy(p -> {
        assertThat(p.ipProtocol()).isEqualTo("-1");
        assertThat(p.ipRanges()).anySatisfy(r -> assertThat(r.cidrIp()).isEqualTo("0.0.0.0/0"));
      }));
      if (expected.size() > 5) {
        assertThat(pages.size()).isGreaterThan(1);
      }
      assertThatThrownBy(() -> ec2.describeSecurityGroups(r -> r.maxResults(2)))
          .isInstanceOfSatisfying(Ec2Exception.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }
  }

  @Test
  void managementCredentialsSeeOnlyTheManagementAccount() {
    try (Ec2Client ec2 = fx.ec2(fx.management(), "us-east-1")) {
      assertThat(ec2.describeSecurityGroups().securityGroups()).isNotEmpty()
          .allSatisfy(g -> assertThat(g.ownerId()).isEqualTo(sim.managementAccountId()));
      assertThat(ec2.describeRegions().regions()).extracting(r -> r.regionName())
          .containsExactlyElementsOf(sim.regions());
    }
  }

  @Test
  void iamListUsersPaginatesAndReportsMfaAndLoginProfiles() {
    JsonNode truth = fx.adminGet("/admin/accounts/" + member + "/resources").get("iamUsers");
    try (IamClient iam = fx.iam(session)) {
      List<ListUsersResponse> pages = iam.listUsersPaginator(r -> r.maxItems(2)).stream().toList();
      List<User> users = pages.stream().flatMap(p -> p.users().stream()).toList();
      assertThat(users).extracting(User::userName).containsExactlyInAnyOrderElementsOf(
          SimulatorFixture.stream(truth).map(u -> u.get("userName").asText()).toList());
      assertThat(pages.size()).isEqualTo((users.size() + 1) / 2);
      assertThat(pages.get(0).isTruncated()).isEqualTo(users.size() > 2);
      assertThat(users).allSatisfy(u -> assertThat(u.arn()).isEqualTo("arn:aws:iam::" + member + ":user/" + u.userName()));

      for (JsonNode u : truth) {
        String name = u.get("userName").asText();
        assertThat(iam.listMFADevices(r -> r.userName(name)).mfaDevices()).hasSize(u.get("mfa").asBoolean() ? 1 : 0);
        if (u.get("consolePassword").asBoolean()) {
          GetLoginProfileResponse lp = iam.getLoginProfile(r -> r.userName(name));
          assertThat(lp.loginProfile().userName()).isEqualTo(name);
          assertThat(lp.loginProfile().createDate()).isNotNull();
        } else {
          assertThatThrownBy(() -> iam.getLoginProfile(r -> r.userName(name)))
              .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(404);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
              });
        }
      }
      assertThatThrownBy(() -> iam.listMFADevices(r -> r.userName("nobody-here")))
          .isInstanceOf(NoSuchEntityException.class);
    }
    assertThat(sim.operationsServed()).contains("iam:ListUsers", "iam:ListMFADevices", "iam:GetLoginProfile");
  }

  @Test
  void accountAuthorizationDetailsPagesAcrossEntityTypesAndAgreesWithThePerEntityCalls() {
    try (IamClient iam = fx.iam(session)) {
      var pages = iam.getAccountAuthorizationDetailsPaginator(r -> r.maxItems(3)).stream().toList();
      assertThat(pages.size()).isGreaterThan(1);
      assertThat(pages.get(0).isTruncated()).isTrue();
      assertThat(pages.get(0).userDetailList().size() + pages.get(0).groupDetailList().size()
          + pages.get(0).roleDetailList().size() + pages.get(0).policies().size()).isEqualTo(3);
      var users = pages.stream().flatMap(p -> p.userDetailList().stream()).toList();
      var roles = pages.stream().flatMap(p -> p.roleDetailList().stream()).toList();
      var groups = pages.stream().flatMap(p -> p.groupDetailList().stream()).toList();
      var policies = pages.stream().flatMap(p -> p.policies().stream()).toList();

      assertThat(users).extracting(u -> u.userName())
          .containsExactlyInAnyOrderElementsOf(iam.listUsersPaginator().users().stream().map(User::userName).toList());
      for (var u : users) {
        assertThat(u.attachedManagedPolicies()).containsExactlyInAnyOrderElementsOf(
            iam.listAttachedUserPolicies(r -> r.userName(u.userName())).attachedPolicies());
        assertThat(u.userPolicyList()).extracting(p -> p.policyName()).containsExactlyInAnyOrderElementsOf(
            iam.listUserPolicies(r -> r.userName(u.userName())).policyNames());
        for (var p : u.userPolicyList()) {
          assertThat(p.policyDocument()).isEqualTo(
              iam.getUserPolicy(r -> r.userName(u.userName()).policyName(p.policyName())).policyDocument());
        }
        assertThat(u.groupList()).containsExactlyInAnyOrderElementsOf(
            iam.listGroupsForUser(r -> r.userName(u.userName())).groups().stream().map(g -> g.groupName()).toList());
      }
      assertThat(roles).extracting(r -> r.roleName()).containsExactlyInAnyOrderElementsOf(
          iam.listRolesPaginator().roles().stream().map(r -> r.roleName()).toList());
      for (var role : roles) {
        var listed = iam.listRolesPaginator().roles().stream().filter(r -> r.roleName().equals(role.roleName())).findFirst().orElseThrow();
        assertThat(role.assumeRolePolicyDocument()).isEqualTo(listed.assumeRolePolicyDocument());
        assertThat(role.attachedManagedPolicies()).containsExactlyInAnyOrderElementsOf(
            iam.listAttachedRolePolicies(r -> r.roleName(role.roleName())).attachedPolicies());
      }
      assertThat(groups).extracting(g -> g.groupId()).containsExactlyInAnyOrderElementsOf(
          iam.listGroupsPaginator().groups().stream().map(g -> g.groupId()).toList());
      var local = iam.listPoliciesPaginator(r -> r.scope("Local")).policies().stream().toList();
      assertThat(policies).extracting(p -> p.arn()).containsExactlyInAnyOrderElementsOf(local.stream().map(p -> p.arn()).toList());
      for (var p : policies) {
        var defaultVersion = iam.getPolicyVersion(r -> r.policyArn(p.arn()).versionId(p.defaultVersionId())).policyVersion();
        assertThat(p.policyVersionList()).singleElement().satisfies(v -> {
          assertThat(v.isDefaultVersion()).isTrue();
          assertThat(v.document()).isEqualTo(defaultVersion.document());
        });
      }

      var onlyRoles = iam.getAccountAuthorizationDetailsPaginator(r -> r.filterWithStrings("Role")).stream().toList();
      assertThat(onlyRoles).allSatisfy(p -> {
        assertThat(p.userDetailList()).isEmpty();
        assertThat(p.groupDetailList()).isEmpty();
        assertThat(p.policies()).isEmpty();
      });
      assertThat(onlyRoles.stream().mapToInt(p -> p.roleDetailList().size()).sum()).isEqualTo(roles.size());

      assertThatThrownBy(() -> iam.getAccountAuthorizationDetails(r -> r.filterWithStrings("Robot")))
          .isInstanceOfSatisfying(software.amazon.awssdk.services.iam.model.IamException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }
  }
}
