package io.driftwatch.simulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * JSON 1.1 calls signed by the AWS SDK's own SigV4 signer. Stands in for the Organizations SDK
 * client, which this build cannot resolve; the signing and the wire format are the same.
 */
final class SignedJsonClient {
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

  private final URI endpoint;
  private final AwsCredentialsIdentity credentials;

  SignedJsonClient(URI endpoint, AwsCredentialsIdentity credentials) {
    this.endpoint = endpoint;
    this.credentials = credentials;
  }

  HttpResponse<String> call(String service, String target, String body) {
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
        .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", target).build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    HttpRequest.Builder b = HttpRequest.newBuilder(signed.request().getUri()).POST(HttpRequest.BodyPublishers.ofString(body));
    for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
      if (!RESTRICTED.contains(h.getKey().toLowerCase())) {
        h.getValue().forEach(v -> b.header(h.getKey(), v));
      }
    }
    try {
      return SimulatorFixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
