package io.driftwatch.simulator.protocol;

/** An AWS error to render in the wire format of the service that raised it. */
public final class AwsException extends RuntimeException {
  private final String code;
  private final int status;

  public AwsException(String code, String message, int status) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
  }

  public static AwsException badRequest(String code, String message) {
    return new AwsException(code, message, 400);
  }

  public static AwsException forbidden(String code, String message) {
    return new AwsException(code, message, 403);
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }
}
