package io.driftwatch.simulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** One authenticated AWS operation call; {@code params} for Query services, {@code json} for JSON 1.1. */
public record AwsCall(String service, String region, String action, Caller caller, QueryParams params, JsonNode json,
                      String requestId) {}
