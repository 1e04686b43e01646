package io.driftwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class StsOrganizationsTest {
  static EstateSimulator sim;
  static SimulatorFixture fx;

  @BeforeAll
  static void start() {
    sim = EstateSimulator.start(SimulatorOptions.builder().seed(7).build());
    fx = new SimulatorFixture(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void listAccountsPagesThroughTheWholeOrganizationIncludingSuspended() {
    SignedJsonClient org = new SignedJsonClient(sim.endpoint(),
        AwsCredentialsIdentity.create(sim.managementAccessKeyId(), sim.managementSecretAccessKey()));
    List<JsonNode> accounts = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String body = token == null ? "{\"MaxResults\":5}" : "{\"MaxResults\":5,\"NextToken\":\"" + token + "\"}";
      HttpResponse<String> r = org.call("organizations", "AWSOrganizationsV20161128.ListAccounts", body);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
      JsonNode page = SimulatorFixture.readJson(r.body());
      page.get("Accounts").forEach(accounts::add);
      token = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
      pages++;
    } while (token != null);

    assertThat(pages).isEqualTo(3);
    assertThat(accounts).hasSize(12);
    assertThat(accounts).extracting(a -> a.get("Id").asText()).doesNotHaveDuplicates().contains(sim.managementAccountId())
        .allMatch(id -> id.matches("\\d{12}"));
    assertThat(accounts).filteredOn(a -> a.get("Status").asText().equals("SUSPENDED")).hasSize(2);
    JsonNode first = accounts.get(0);
    assertThat(first.get("Arn").asText()).matches("arn:aws:organizations::100000000000:account/o-[a-z0-9]{10}/\\d{12}");
    assertThat(first.get("JoinedTimestamp").isNumber()).isTrue();
    assertThat(first.get("Email").asText()).contains("@");
    assertThat(first.get("JoinedMethod").asText()).isIn("INVITED", "CREATED");
    assertThat(sim.operationsServed()).contains("organizations:ListAccounts");
  }

  @Test
  void organizationsRejectsMemberCredentialsAndUnknownOperations() {
    String member = fx.accounts("ACTIVE").stream().filter(a -> !a.equals(sim.managementAccountId())).findFirst().orElseThrow();
    AwsSessionCredentials c = fx.assume(member);
    SignedJsonClient asMember = new SignedJsonClient(sim.endpoint(),
        AwsCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey()));
    // Without the session token header the session key is not valid.
    HttpResponse<String> r = asMember.call("organizations", "AWSOrganizationsV20161128.ListAccounts", "{}");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(SimulatorFixture.readJson(r.body()).get("__type").asText()).isEqualTo("UnrecognizedClientException");

    SignedJsonClient mgmt = new SignedJsonClient(sim.endpoint(),
        AwsCredentialsIdentity.create(sim.managementAccessKeyId(), sim.managementSecretAccessKey()));
    HttpResponse<String> unknown = mgmt.call("organizations", "AWSOrganizationsV20161128.DeleteOrganization", "{}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(SimulatorFixture.readJson(unknown.body()).get("__type").asText()).isEqualTo("UnknownOperationException");
  }

  @Test
  void callerIdentityAndAssumeRoleActInTheTargetAccount() {
    try (StsClient sts = fx.sts(fx.management())) {
      GetCallerIdentityResponse me = sts.getCallerIdentity();
      assertThat(me.account()).isEqualTo("100000000000");
      assertThat(me.arn()).isEqualTo("arn:aws:iam::100000000000:user/driftwatch-admin");
      assertThat(me.userId()).startsWith("AIDA");

      String member = fx.accounts("ACTIVE").get(3);
      AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(fx.roleArn(member)).roleSessionName("collector")
          .durationSeconds(900));
      assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
      assertThat(assumed.credentials().secretAccessKey()).isNotBlank();
      assertThat(assumed.credentials().sessionToken()).isNotBlank();
      assertThat(assumed.credentials().expiration()).isAfter(java.time.Instant.now());
      assertThat(assumed.assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::" + member + ":assumed-role/DriftwatchReadOnly/collector");

      AwsSessionCredentials session = AwsSessionCredentials.create(assumed.credentials().accessKeyId(),
          assumed.credentials().secretAccessKey(), assumed.credentials().sessionToken());
      try (StsClient asMember = fx.sts(session)) {
        GetCallerIdentityResponse who = asMember.getCallerIdentity();
        assertThat(who.account()).isEqualTo(member);
        assertThat(who.arn()).isEqualTo(assumed.assumedRoleUser().arn());
        // Role sessions cannot assume the organization role: it trusts the management account only.
        assertThatThrownBy(() -> asMember.assumeRole(r -> r.roleArn(fx.roleArn(member)).roleSessionName("chain")))
            .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
      }
    }
  }

  @Test
  void assumeRoleIsDeniedForSuspendedOutsideAccountsAndWrongRole() {
    String suspended = fx.accounts("SUSPENDED").get(0);
    String active = fx.accounts("ACTIVE").get(1);
    try (StsClient sts = fx.sts(fx.management())) {
      for (String arn : List.of(fx.roleArn(suspended), fx.roleArn("999999999999"),
          "arn:aws:iam::" + active + ":role/SomethingElse")) {
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(arn).roleSessionName("s1")))
            .as(arn)
            .isInstanceOfSatisfying(StsException.class, e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
              assertThat(e.statusCode()).isEqualTo(403);
            });
      }
      assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("not-an-arn").roleSessionName("s1")))
          .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }
  }

  @Test
  void externalIdIsEnforcedWhenConfigured() {
    try (EstateSimulator withExternalId = EstateSimulator.start(SimulatorOptions.builder().seed(1).accountCount(3)
        .suspendedCount(0).externalId("shared-secret-id").build())) {
      SimulatorFixture f = new SimulatorFixture(withExternalId);
      String member = f.accounts("ACTIVE").get(1);
      try (StsClient sts = f.sts(f.management())) {
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(f.roleArn(member)).roleSessionName("s1")))
            .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(f.roleArn(member)).roleSessionName("s1").externalId("wrong")))
            .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThat(sts.assumeRole(r -> r.roleArn(f.roleArn(member)).roleSessionName("s1").externalId("shared-secret-id"))
            .credentials().accessKeyId()).startsWith("ASIA");
      }
    }
  }

  @Test
  void wrongSecretUnknownKeyAndUnsignedRequestsAreRejected() throws Exception {
    try (StsClient wrongSecret = fx.sts(AwsBasicCredentials.create(sim.managementAccessKeyId(), "not-the-secret"))) {
      assertThatThrownBy(wrongSecret::getCallerIdentity).isInstanceOfSatisfying(AwsServiceException.class, e -> {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(e.statusCode()).isEqualTo(403);
      });
    }
    try (StsClient unknown = fx.sts(AwsBasicCredentials.create("AKIAUNKNOWNKEY000000", "whatever"))) {
      assertThatThrownBy(unknown::getCallerIdentity).isInstanceOfSatisfying(AwsServiceException.class,
          e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
    }
    HttpResponse<String> unsigned = SimulatorFixture.HTTP.send(HttpRequest.newBuilder(URI.create(sim.endpoint() + "/"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeInstances&Version=2016-11-15")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.body()).contains("<Code>MissingAuthenticationToken</Code>").contains("<Response>");

    HttpResponse<String> garbled = SimulatorFixture.HTTP.send(HttpRequest.newBuilder(URI.create(sim.endpoint() + "/"))
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=broken")
        .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(garbled.statusCode()).isEqualTo(403);
    assertThat(garbled.body()).contains("<Code>IncompleteSignature</Code>").contains("<ErrorResponse");
  }

  @Test
  void unknownActionIsInvalidAction() {
    try (StsClient sts = fx.sts(fx.management())) {
      assertThatThrownBy(() -> sts.getSessionToken()).isInstanceOfSatisfying(StsException.class, e -> {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
        assertThat(e.statusCode()).isEqualTo(400);
      });
    }
  }
}
