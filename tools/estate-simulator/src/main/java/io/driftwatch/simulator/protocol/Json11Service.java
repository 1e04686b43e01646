package io.driftwatch.simulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Common ground of JSON 1.1 services: error rendering, throttling, epoch-second timestamps, paging. */
public abstract class Json11Service implements AwsService {
  protected static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public final Wire wire() {
    return Wire.JSON_11;
  }

  @Override
  public AwsResponse error(AwsException e, String requestId) {
    return WireErrors.json(e);
  }

  @Override
  public AwsException throttled() {
    return AwsException.badRequest("ThrottlingException", "Rate exceeded");
  }

  protected static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** JSON 1.1 timestamps are epoch seconds (fractions allowed). */
  protected static void time(ObjectNode node, String name, Instant value) {
    if (value != null) {
      node.put(name, BigDecimal.valueOf(value.getEpochSecond()));
    }
  }

  protected static void put(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  /** An optional integer request member within AWS's bounds, else {@code errorCode}. */
  protected static Integer intMember(JsonNode req, String name, int min, int max, String errorCode) {
    JsonNode v = req.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
      throw AwsException.badRequest(errorCode, "1 validation error detected: Value '" + v.asText() + "' at '"
          + name + "' failed to satisfy constraint: Member must have value between " + min + " and " + max);
    }
    return v.asInt();
  }

  protected static String text(JsonNode req, String name) {
    JsonNode v = req.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  protected static <T> PageToken.Page<T> page(List<T> sorted, Function<T, String> key, String token, Integer max, int dflt,
                                              String errorCode) {
    return PageToken.page(sorted, key, token, max == null ? dflt : max, errorCode);
  }

  protected static AwsResponse ok(ObjectNode out) {
    return AwsResponse.json(out.toString());
  }

  protected static AwsException unknown() {
    return AwsException.badRequest("UnknownOperationException", null);
  }
}
