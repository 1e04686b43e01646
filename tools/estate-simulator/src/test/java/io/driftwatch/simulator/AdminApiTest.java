package io.driftwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

class AdminApiTest {
  static EstateSimulator sim;
  static SimulatorFixture fx;
  static String member;
  static String region;

  @BeforeAll
  static void start() {
    sim = EstateSimulator.start(SimulatorOptions.builder().seed(3).build());
    fx = new SimulatorFixture(sim);
    member = fx.accounts("ACTIVE").stream().filter(a -> !a.equals(sim.managementAccountId())).findFirst().orElseThrow();
    region = sim.regions().get(1);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @AfterEach
  void clearFaults() {
    assertThat(fx.admin("DELETE", "/admin/faults", null).statusCode()).isEqualTo(204);
  }

  @Test
  void estateSummaryDescribesTheOrganization() {
    JsonNode estate = fx.adminGet("/admin/estate");
    assertThat(estate.get("managementAccountId").asText()).isEqualTo("100000000000");
    assertThat(estate.get("roleName").asText()).isEqualTo("DriftwatchReadOnly");
    assertThat(estate.get("accounts")).hasSize(12);
    assertThat(estate.get("regions")).hasSize(2);
    assertThat(estate.get("resourceCounts").get("securityGroups").asInt()).isGreaterThanOrEqualTo(10 * 2 * 3);
  }

  @Test
  void openingSshIsVisibleThroughTheSdkAndInTheTruthSet() {
    AwsSessionCredentials session = fx.assume(member);
    try (Ec2Client ec2 = fx.ec2(session, region)) {
      SecurityGroup target = ec2.describeSecurityGroups().securityGroups().stream()
          .filter(g -> !g.groupName().equals("default")).filter(g -> !flagged(g.groupId())).findFirst().orElseThrow();
      String path = "/admin/accounts/" + member + "/regions/" + region + "/security-groups/" + target.groupId() + "/ingress";
      String rule = "{\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22,\"cidrIp\":\"0.0.0.0/0\"}";

      assertThat(fx.admin("POST", path, rule).statusCode()).isEqualTo(204);
      assertThat(fx.admin("POST", path, rule).statusCode()).isEqualTo(409);
      SecurityGroup after = ec2.describeSecurityGroups(r -> r.groupIds(target.groupId())).securityGroups().get(0);
      assertThat(after.ipPermissions()).anySatisfy(p -> {
        assertThat(p.fromPort()).isEqualTo(22);
        assertThat(p.toPort()).isEqualTo(22);
        assertThat(p.ipRanges()).anySatisfy(r -> assertThat(r.cidrIp()).isEqualTo("0.0.0.0/0"));
      });
      assertThat(flagged(target.groupId())).isTrue();
      JsonNode m = SimulatorFixture.stream(fx.adminGet("/admin/misconfigurations"))
          .filter(x -> x.get("resourceId").asText().equals(target.groupId())).findFirst().orElseThrow();
      assertThat(m.get("ruleId").asText()).isEqualTo("sg-open-ssh");
      assertThat(m.get("accountId").asText()).isEqualTo(member);
      assertThat(m.get("region").asText()).isEqualTo(region);
      assertThat(m.get("resourceType").asText()).isEqualTo("AWS::EC2::SecurityGroup");

      assertThat(fx.admin("DELETE", path, rule).statusCode()).isEqualTo(204);
      assertThat(flagged(target.groupId())).isFalse();
      assertThat(ec2.describeSecurityGroups(r -> r.groupIds(target.groupId())).securityGroups().get(0).ipPermissions())
          .containsExactlyInAnyOrderElementsOf(target.ipPermissions());
      assertThat(fx.admin("DELETE", path, rule).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void terminatingAnInstanceRemovesItFromDescribeInstances() {
    AwsSessionCredentials session = fx.assume(member);
    try (Ec2Client ec2 = fx.ec2(session, region)) {
      List<String> before = ec2.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
          .map(i -> i.instanceId()).toList();
      String victim = before.get(0);
      String path = "/admin/accounts/" + member + "/regions/" + region + "/instances/" + victim;
      assertThat(fx.admin("DELETE", path, null).statusCode()).isEqualTo(204);
      assertThat(ec2.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
          .map(i -> i.instanceId()).toList()).hasSize(before.size() - 1).doesNotContain(victim);
      assertThat(fx.admin("DELETE", path, null).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void consoleUserWithoutMfaIsCreatedAndFlaggedByUserId() {
    HttpResponse<String> created = fx.admin("POST", "/admin/accounts/" + member + "/iam/users",
        "{\"userName\":\"intruder\",\"consolePassword\":true,\"mfa\":false}");
    assertThat(created.statusCode()).isEqualTo(201);
    String userId = SimulatorFixture.readJson(created.body()).get("userId").asText();
    assertThat(userId).startsWith("AIDA").hasSize(21);
    try (IamClient iam = fx.iam(fx.assume(member))) {
      assertThat(iam.listUsersPaginator(r -> r.maxItems(2)).users()).anySatisfy(u -> {
        assertThat(u.userName()).isEqualTo("intruder");
        assertThat(u.userId()).isEqualTo(userId);
      });
      assertThat(iam.getLoginProfile(r -> r.userName("intruder")).loginProfile().userName()).isEqualTo("intruder");
      assertThat(iam.listMFADevices(r -> r.userName("intruder")).mfaDevices()).isEmpty();
    }
    assertThat(fx.adminGet("/admin/misconfigurations")).anySatisfy(m -> {
      assertThat(m.get("ruleId").asText()).isEqualTo("iam-console-no-mfa");
      assertThat(m.get("resourceId").asText()).isEqualTo(userId);
      assertThat(m.get("region").asText()).isEqualTo("global");
      assertThat(m.get("resourceType").asText()).isEqualTo("AWS::IAM::User");
    });
    assertThat(fx.admin("POST", "/admin/accounts/" + member + "/iam/users", "{\"userName\":\"intruder\"}").statusCode())
        .isEqualTo(409);
  }

  @Test
  void badAdminInputIsA400ProblemAndUnknownPathsAre404() {
    String sgPath = "/admin/accounts/" + member + "/regions/" + region + "/security-groups/sg-x/ingress";
    for (String body : List.of("not json", "[]", "{}", "{\"ipProtocol\":\"tcp\",\"fromPort\":22}",
        "{\"ipProtocol\":\"tcp\",\"fromPort\":30,\"toPort\":20,\"cidrIp\":\"0.0.0.0/0\"}",
        "{\"ipProtocol\":\"tcp\",\"fromPort\":\"x\",\"toPort\":20,\"cidrIp\":\"0.0.0.0/0\"}",
        "{\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22,\"cidrIp\":\"nope\"}")) {
      HttpResponse<String> r = fx.admin("POST", sgPath, body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(SimulatorFixture.readJson(r.body()).get("status").asInt()).isEqualTo(400);
    }
    assertThat(fx.admin("POST", "/admin/faults", "{\"throttle\":{\"rate\":7}}").statusCode()).isEqualTo(400);
    assertThat(fx.admin("POST", "/admin/accounts/" + member + "/iam/users", "{\"userName\":\"bad name!\"}").statusCode())
        .isEqualTo(400);
    assertThat(fx.admin("GET", "/admin/nothing", null).statusCode()).isEqualTo(404);
    assertThat(fx.admin("GET", "/admin/accounts/000000000000/resources", null).statusCode()).isEqualTo(404);
    assertThat(fx.admin("PUT", "/admin/estate", "{}").statusCode()).isEqualTo(405);
    // The server keeps serving after all of that.
    assertThat(fx.adminGet("/admin/estate").get("accounts")).hasSize(12);
  }

  @Test
  void throttlingFaultSurfacesEachServicesThrottlingError() {
    assertThat(fx.admin("POST", "/admin/faults",
        "{\"throttle\":{\"account\":\"*\",\"region\":\"*\",\"action\":\"*\",\"rate\":1.0}}").statusCode()).isEqualTo(200);
    try (Ec2Client ec2 = fx.ec2NoRetry(fx.management(), region)) {
      assertThatThrownBy(ec2::describeInstances).isInstanceOfSatisfying(AwsServiceException.class, e -> {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(e.statusCode()).isEqualTo(503);
      });
    }
    try (IamClient iam = fx.iamNoRetry(fx.management())) {
      assertThatThrownBy(iam::listUsers).isInstanceOfSatisfying(AwsServiceException.class, e -> {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
        assertThat(e.statusCode()).isEqualTo(400);
      });
    }
    SignedJsonClient org = new SignedJsonClient(sim.endpoint(),
        AwsCredentialsIdentity.create(sim.managementAccessKeyId(), sim.managementSecretAccessKey()));
    HttpResponse<String> r = org.call("organizations", "AWSOrganizationsV20161128.ListAccounts", "{}");
    assertThat(SimulatorFixture.readJson(r.body()).get("__type").asText()).isEqualTo("TooManyRequestsException");

    // A narrower throttle leaves other actions alone.
    fx.admin("POST", "/admin/faults", "{\"throttle\":{\"action\":\"ec2:DescribeSecurityGroups\",\"rate\":1.0}}");
    try (Ec2Client ec2 = fx.ec2NoRetry(fx.management(), region)) {
      assertThat(ec2.describeInstances().reservations()).isNotEmpty();
      assertThatThrownBy(ec2::describeSecurityGroups).isInstanceOf(AwsServiceException.class);
    }
  }

  @Test
  void serverErrorFaultAnswers500AtTheChosenRate() {
    assertThat(fx.admin("POST", "/admin/faults", "{\"serverErrorRate\":1.0}").statusCode()).isEqualTo(200);
    try (Ec2Client ec2 = fx.ec2NoRetry(fx.management(), region)) {
      assertThatThrownBy(ec2::describeInstances).isInstanceOfSatisfying(AwsServiceException.class,
          e -> assertThat(e.statusCode()).isEqualTo(500));
    }
    assertThat(fx.admin("POST", "/admin/faults", "{\"serverErrorRate\":1.5}").statusCode()).isEqualTo(400);
    // Rate 0.5: some calls fail, some pass.
    fx.admin("POST", "/admin/faults", "{\"serverErrorRate\":0.5}");
    int failed = 0;
    try (Ec2Client ec2 = fx.ec2NoRetry(fx.management(), region)) {
      for (int i = 0; i < 40; i++) {
        try {
          ec2.describeRegions();
        } catch (AwsServiceException e) {
          failed++;
        }
      }
    }
    assertThat(failed).isBetween(5, 35);
  }

  @Test
  void assumeRoleDeniedFaultDeniesOnlyTheListedAccounts() {
    String other = fx.accounts("ACTIVE").get(2);
    fx.admin("POST", "/admin/faults", "{\"assumeRoleDenied\":[\"" + member + "\"]}");
    try (StsClient sts = fx.sts(fx.management())) {
      assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(fx.roleArn(member)).roleSessionName("s1")))
          .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
      assertThat(sts.assumeRole(r -> r.roleArn(fx.roleArn(other)).roleSessionName("s1")).credentials()).isNotNull();
    }
    fx.admin("DELETE", "/admin/faults", null);
    assertThat(fx.assume(member).accessKeyId()).startsWith("ASIA");
  }

  @Test
  void concurrentClientsAreServedConsistently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      List<String> accounts = fx.accounts("ACTIVE");
      for (int i = 0; i < 16; i++) {
        String account = accounts.get(i % accounts.size());
        results.add(pool.submit(() -> {
          try (Ec2Client ec2 = fx.ec2(fx.assume(account), "us-east-1")) {
            return ec2.describeSecurityGroupsPaginator(r -> r.maxResults(5)).securityGroups().stream()
                .mapToInt(g -> g.ownerId().equals(account) ? 1 : 1000).sum();
          }
        }));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get()).isBetween(3, 6);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fx.adminGet("/admin/operations")).extracting(JsonNode::asText)
        .contains("sts:AssumeRole", "ec2:DescribeSecurityGroups");
  }

  private static boolean flagged(String groupId) {
    return SimulatorFixture.stream(fx.adminGet("/admin/misconfigurations"))
        .anyMatch(m -> m.get("resourceId").asText().equals(groupId));
  }


  @Test
  void tokenBucketThrottlingIsPerAccountRegionAndApiAndRefills() throws Exception {
    String other = fx.accounts("ACTIVE").stream().filter(a -> !a.equals(member) && !a.equals(sim.managementAccountId()))
        .findFirst().orElseThrow();
    assertThat(fx.admin("POST", "/admin/faults", "{\"throttle\":{\"burst\":3}}").statusCode()).isEqualTo(400);
    assertThat(fx.admin("POST", "/admin/faults",
        "{\"throttle\":{\"burst\":3,\"refillPerSecond\":2,\"rate\":0.5}}").statusCode()).isEqualTo(400);
    assertThat(fx.admin("POST", "/admin/faults", "{\"throttle\":{\"burst\":0,\"refillPerSecond\":2}}").statusCode())
        .isEqualTo(400);
    assertThat(fx.admin("POST", "/admin/faults", "{\"throttle\":{\"account\":\"*\",\"region\":\"" + region
        + "\",\"action\":\"*\",\"burst\":3,\"refillPerSecond\":1}}").statusCode()).isEqualTo(200);
    long throttledBefore = fx.adminGet("/admin/stats").get("throttled").asLong();
    try (Ec2Client ec2 = fx.ec2NoRetry(fx.assume(member), region);
         Ec2Client otherAccount = fx.ec2NoRetry(fx.assume(other), region)) {
      for (int i = 0; i < 3; i++) {
        ec2.describeVpcs();
      }
      assertThatThrownBy(ec2::describeVpcs).isInstanceOfSatisfying(AwsServiceException.class, e -> {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(e.statusCode()).isEqualTo(503);
      });
      // One bucket per API and per account: other calls still have their burst.
      ec2.describeSubnets();
      otherAccount.describeVpcs();
      // The refill itself (exact timings are FaultsTest's): 1 token per second, so after 1.1 s one
      // call fits again and the next, well under a second later, does not.
      Thread.sleep(1100);
      ec2.describeVpcs();
      assertThatThrownBy(ec2::describeVpcs).isInstanceOf(AwsServiceException.class);
    }
    assertThat(fx.adminGet("/admin/stats").get("throttled").asLong() - throttledBefore).isEqualTo(2);
  }
}
