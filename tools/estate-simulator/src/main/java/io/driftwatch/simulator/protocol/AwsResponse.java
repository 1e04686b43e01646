package io.driftwatch.simulator.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A rendered AWS response: status, content type and body bytes. */
public record AwsResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
  public AwsResponse(int status, String contentType, byte[] body) {
    this(status, contentType, body, Map.of());
  }

  public static final String XML = "text/xml;charset=UTF-8";
  public static final String JSON_11 = "application/x-amz-json-1.1";
  public static final String XML_PLAIN = "application/xml";
  public static final String JSON_PLAIN = "application/json";

  public static AwsResponse xml(String xml) {
    return new AwsResponse(200, XML, xml.getBytes(StandardCharsets.UTF_8));
  }

  /** REST-XML (S3) bodies. */
  public static AwsResponse restXml(String xml) {
    return new AwsResponse(200, XML_PLAIN, xml.getBytes(StandardCharsets.UTF_8));
  }

  /** REST-JSON (Glacier) bodies. */
  public static AwsResponse restJson(String json) {
    return new AwsResponse(200, JSON_PLAIN, json.getBytes(StandardCharsets.UTF_8));
  }

  public static AwsResponse json(String json) {
    return new AwsResponse(200, JSON_11, json.getBytes(StandardCharsets.UTF_8));
  }
}
