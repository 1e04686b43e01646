package io.driftwatch.simulator.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameters of an AWS Query / EC2 request (form body plus URL query), with list helpers. */
public final class QueryParams {
  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  public static QueryParams parse(String rawQuery, String formBody) {
    Map<String, String> map = new LinkedHashMap<>();
    addForm(map, rawQuery);
    addForm(map, formBody);
    return new QueryParams(map);
  }

  private static void addForm(Map<String, String> map, String form) {
    if (form == null || form.isEmpty()) {
      return;
    }
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        map.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw AwsException.badRequest("MalformedQueryString", "Malformed query string near: " + pair);
      }
    }
  }

  public String get(String name) {
    return values.get(name);
  }

  public String action() {
    return values.get("Action");
  }

  /** Values of a flattened list such as {@code InstanceId.1, InstanceId.2}. */
  public List<String> list(String prefix) {
    List<String> out = new ArrayList<>();
    for (int i = 1; ; i++) {
      String v = values.get(prefix + "." + i);
      if (v == null) {
        return out;
      }
      out.add(v);
    }
  }

  /** EC2-style filters: {@code Filter.N.Name} and {@code Filter.N.Value.M}. */
  public Map<String, List<String>> filters() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 1; ; i++) {
      String name = values.get("Filter." + i + ".Name");
      if (name == null) {
        return out;
      }
      out.computeIfAbsent(name, k -> new ArrayList<>()).addAll(list("Filter." + i + ".Value"));
    }
  }

  /** Integer parameter within bounds; {@code errorCode} names the service's validation error. */
  public Integer intParam(String name, int min, int max, String errorCode) {
    String raw = values.get(name);
    if (raw == null) {
      return null;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        throw AwsException.badRequest(errorCode,
            "Value ( " + v + " ) for parameter " + name + " is invalid. Expected a value between " + min + " and " + max + ".");
      }
      return v;
    } catch (NumberFormatException e) {
      throw AwsException.badRequest(errorCode, "Value (" + raw + ") for parameter " + name + " is invalid. Expected an integer.");
    }
  }
}
