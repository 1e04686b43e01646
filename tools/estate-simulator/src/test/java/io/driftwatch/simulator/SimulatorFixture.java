package io.driftwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Real AWS SDK v2 clients pointed at a simulator, plus admin API helpers. */
final class SimulatorFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SdkHttpClient SDK_HTTP = UrlConnectionHttpClient.create();

  private final EstateSimulator sim;

  SimulatorFixture(EstateSimulator sim) {
    this.sim = sim;
  }

  AwsCredentials management() {
    return AwsBasicCredentials.create(sim.managementAccessKeyId(), sim.managementSecretAccessKey());
  }

  StsClient sts(AwsCredentials credentials) {
    return StsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(SDK_HTTP).build();
  }

  Ec2Client ec2(AwsCredentials credentials, String region) {
    return Ec2Client.builder().endpointOverride(sim.endpoint()).region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(SDK_HTTP).build();
  }

  Ec2Client ec2NoRetry(AwsCredentials credentials, String region) {
    return Ec2Client.builder().endpointOverride(sim.endpoint()).region(Region.of(region))
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(SDK_HTTP).build();
  }

  IamClient iam(AwsCredentials credentials) {
    return IamClient.builder().endpointOverride(sim.endpoint()).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(SDK_HTTP).build();
  }

  IamClient iamNoRetry(AwsCredentials credentials) {
    return IamClient.builder().endpointOverride(sim.endpoint()).region(Region.AWS_GLOBAL)
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(SDK_HTTP).build();
  }

  /** Assumes the organization role in {@code accountId} with the management credentials. */
  AwsSessionCredentials assume(String accountId) {
    try (StsClient sts = sts(management())) {
      Credentials c = sts.assumeRole(r -> r.roleArn(roleArn(accountId)).roleSessionName("driftwatch-test")).credentials();
      return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }
  }

  String roleArn(String accountId) {
    return "arn:aws:iam::" + accountId + ":role/" + sim.roleName();
  }

  JsonNode adminGet(String path) {
    HttpResponse<String> r = admin("GET", path, null);
    assertThat(r.statusCode()).as("GET %s -> %s", path, r.body()).isEqualTo(200);
    return readJson(r.body());
  }

  HttpResponse<String> admin(String method, String path, String body) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.endpoint() + path))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode readJson(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Account ids of one status, from the admin API. */
  List<String> accounts(String status) {
    return stream(adminGet("/admin/estate").get("accounts"))
        .filter(a -> a.get("status").asText().equals(status)).map(a -> a.get("id").asText()).toList();
  }

  static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }

  /**
   * Asserts the SDK unmarshalled a value for each named member: proof that the simulator's wire
   * names match the SDK's own field bindings.
   */
  static void assertPopulated(SdkPojo pojo, Set<String> members) {
    for (String member : members) {
      SdkField<?> field = pojo.sdkFields().stream().filter(f -> f.memberName().equals(member)).findFirst()
          .orElseThrow(() -> new AssertionError(pojo.getClass().getSimpleName() + " has no member " + member));
      Object value = field.getValueOrDefault(pojo);
      assertThat(value).as("%s.%s", pojo.getClass().getSimpleName(), member).isNotNull();
      assertThat(value).as("%s.%s", pojo.getClass().getSimpleName(), member).isNotInstanceOf(SdkAutoConstructList.class);
      if (value instanceof List<?> list) {
        assertThat(list).as("%s.%s", pojo.getClass().getSimpleName(), member).isNotEmpty();
      }
    }
  }
}
