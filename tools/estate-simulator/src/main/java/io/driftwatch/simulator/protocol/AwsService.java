package io.driftwatch.simulator.protocol;

/** A simulated AWS service, selected by the service name in the SigV4 credential scope. */
public interface AwsService {
  enum Wire { EC2, QUERY, JSON_11, REST_XML, REST_JSON }

  /** The SigV4 signing name, e.g. {@code ec2}. */
  String signingName();

  Wire wire();

  AwsResponse handle(AwsCall call);

  /** Renders an error the way this service does on the wire. */
  AwsResponse error(AwsException e, String requestId);

  /** The error code this service uses for throttling, and its HTTP status. */
  AwsException throttled();

  /**
   * REST services name the operation by method, path and query rather than in the request: the
   * operation name (e.g. {@code GetBucketEncryption}) so faults and the served-operations record work alike.
   */
  default String restAction(String method, String rawPath, QueryParams query) {
    throw new UnsupportedOperationException(signingName() + " is not a REST service");
  }
}
