package io.driftwatch.simulator.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Error bodies in each AWS wire protocol's own shape. */
public final class WireErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** JSON protocol services name the generic auth errors differently from Query ones. */
  private static final Map<String, String> JSON_NAMES = Map.of(
      "MissingAuthenticationToken", "MissingAuthenticationTokenException",
      "IncompleteSignature", "IncompleteSignatureException",
      "SignatureDoesNotMatch", "InvalidSignatureException",
      "InvalidClientTokenId", "UnrecognizedClientException",
      "ExpiredToken", "ExpiredTokenException",
      "InternalFailure", "InternalFailure");

  private WireErrors() {}

  /** EC2: {@code <Response><Errors><Error>..</Error></Errors><RequestID>}. */
  public static AwsResponse ec2(AwsException e, String requestId) {
    String xml = XmlWriter.document("Response", null)
        .start("Errors").start("Error").element("Code", e.code()).element("Message", e.getMessage()).end().end()
        .element("RequestID", requestId).finish();
    return new AwsResponse(e.status(), AwsResponse.XML, xml.getBytes(StandardCharsets.UTF_8));
  }

  /** IAM / STS: {@code <ErrorResponse xmlns><Error><Type>..}. */
  public static AwsResponse query(AwsException e, String requestId, String xmlns) {
    String xml = XmlWriter.document("ErrorResponse", xmlns)
        .start("Error").element("Type", e.status() >= 500 ? "Receiver" : "Sender").element("Code", e.code())
        .element("Message", e.getMessage()).end()
        .element("RequestId", requestId).finish();
    return new AwsResponse(e.status(), AwsResponse.XML, xml.getBytes(StandardCharsets.UTF_8));
  }

  /** S3 (REST-XML): a bare {@code <Error>} document without namespace. */
  public static AwsResponse s3(AwsException e, String requestId) {
    String xml = XmlWriter.document("Error", null).element("Code", e.code()).element("Message", e.getMessage())
        .element("RequestId", requestId).element("HostId", "driftwatch-simulator").finish();
    return new AwsResponse(e.status(), AwsResponse.XML_PLAIN, xml.getBytes(StandardCharsets.UTF_8));
  }

  /** REST-JSON (Glacier): {@code {"code", "message", "type"}}; {@code __type} too, which the SDK reads first. */
  public static AwsResponse restJson(AwsException e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("__type", JSON_NAMES.getOrDefault(e.code(), e.code()));
    node.put("code", JSON_NAMES.getOrDefault(e.code(), e.code()));
    node.put("message", e.getMessage());
    node.put("type", e.status() >= 500 ? "Server" : "Client");
    return new AwsResponse(e.status(), AwsResponse.JSON_PLAIN, node.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** JSON 1.1: {@code {"__type": "...", "message": "..."}}. */
  public static AwsResponse json(AwsException e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("__type", JSON_NAMES.getOrDefault(e.code(), e.code()));
    node.put("message", e.getMessage());
    return new AwsResponse(e.status(), AwsResponse.JSON_11, node.toString().getBytes(StandardCharsets.UTF_8));
  }
}
