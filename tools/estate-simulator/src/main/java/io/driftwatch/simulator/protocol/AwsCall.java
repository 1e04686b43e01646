package io.driftwatch.simulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One authenticated AWS operation call: {@code params} for Query services (and the URL query of
 * REST services), {@code json} for JSON 1.1 and REST-JSON bodies, {@code method}/{@code path} (raw,
 * still percent-encoded) and the raw {@code body} (S3 object uploads) for REST services.
 */
public record AwsCall(String service, String region, String action, Caller caller, QueryParams params, JsonNode json,
                      String requestId, String method, String path, byte[] body) {
  public AwsCall(String service, String region, String action, Caller caller, QueryParams params, JsonNode json,
                 String requestId) {
    this(service, region, action, caller, params, json, requestId, "POST", "/", new byte[0]);
  }
}
