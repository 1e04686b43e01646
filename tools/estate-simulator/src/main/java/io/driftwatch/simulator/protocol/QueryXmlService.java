package io.driftwatch.simulator.protocol;

/**
 * The AWS Query protocol with XML answers (IAM, STS, RDS, Redshift, ELBv2): form-encoded
 * {@code Action=...} requests, errors in the {@code ErrorResponse} shape under the service's
 * namespace, and {@code Throttling} / "Rate exceeded" when throttled.
 */
public abstract class QueryXmlService implements AwsService {
  private final String signingName;
  private final String xmlns;

  protected QueryXmlService(String signingName, String xmlns) {
    this.signingName = signingName;
    this.xmlns = xmlns;
  }

  @Override
  public final String signingName() {
    return signingName;
  }

  @Override
  public final Wire wire() {
    return Wire.QUERY;
  }

  @Override
  public AwsResponse error(AwsException e, String requestId) {
    return WireErrors.query(e, requestId, xmlns);
  }

  @Override
  public AwsException throttled() {
    return AwsException.badRequest("Throttling", "Rate exceeded");
  }
}
