package io.driftwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import io.driftwatch.simulator.admin.Faults;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.AwsService;
import io.driftwatch.simulator.protocol.QueryParams;
import io.driftwatch.simulator.protocol.SigV4;
import io.driftwatch.simulator.protocol.WireErrors;
import io.driftwatch.simulator.sts.CredentialStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The AWS front door: authenticates with SigV4, routes by the credential scope's service name
 * (like LocalStack), applies injected faults, and renders errors in the target service's format.
 */
final class AwsGateway {
  private static final Logger LOG = Logger.getLogger(AwsGateway.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> UNKNOWN_OPERATION = Set.of("InvalidAction", "UnknownOperationException",
      "MethodNotAllowed", "NotImplemented");

  private final Map<String, AwsService> services;
  private final CredentialStore credentials;
  private final Faults faults;
  private final Set<String> operationsServed;
  /** Calls received per {@code service:Action}, faults included: for benchmarks (which calls dominate). */
  private final Map<String, java.util.concurrent.atomic.LongAdder> callsByOperation = new java.util.concurrent.ConcurrentHashMap<>();

  AwsGateway(List<AwsService> services, CredentialStore credentials, Faults faults, Set<String> operationsServed) {
    this.services = services.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(AwsService::signingName, s -> s));
    this.credentials = credentials;
    this.faults = faults;
    this.operationsServed = operationsServed;
  }

  /** Calls received so far per {@code service:Action}, sorted by name. */
  Map<String, Long> callsByOperation() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    callsByOperation.forEach((op, n) -> counts.put(op, n.sum()));
    return counts;
  }

  /** An HTTP request as the gateway needs it; header lookup is case-insensitive. */
  record HttpRequest(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {}

  AwsResponse handle(HttpRequest http, String requestId) {
    AwsService service = null;
    try {
      SigV4.Authorization auth = SigV4.parse(http.headers().getFirst("Authorization"));
      service = services.get(auth.service());
      if (service == null) {
        throw AwsException.badRequest("UnrecognizedService", "The service '" + auth.service() + "' is not simulated.");
      }
      CredentialStore.Credential credential = credentials.find(auth.accessKeyId()).orElseThrow(() ->
          AwsException.forbidden("InvalidClientTokenId", "The security token included in the request is invalid."));
      Function<String, List<String>> headers = name -> http.headers().get(name);
      SigV4.verify(new SigV4.SignedRequest(http.method(), http.rawPath(), http.rawQuery(), headers, http.body()),
          auth, credential.secretAccessKey(), Instant.now());
      if (credential.sessionToken() != null) {
        if (!credential.sessionToken().equals(http.headers().getFirst("X-Amz-Security-Token"))) {
          throw AwsException.forbidden("InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        if (credential.expiration().isBefore(Instant.now())) {
          throw AwsException.forbidden("ExpiredToken", "The security token included in the request is expired");
        }
      }
      AwsCall call = call(service, auth, credential, http, requestId);
      callsByOperation.computeIfAbsent(service.signingName() + ":" + call.action(),
          k -> new java.util.concurrent.atomic.LongAdder()).increment();
      faults.delay();
      if (faults.shouldThrottle(call.caller().accountId(), auth.region(), service.signingName(), call.action())) {
        throw service.throttled();
      }
      if (faults.shouldFailWithServerError()) {
        // The SDK retries 5xx answers like AWS's own transient failures.
        throw new AwsException("InternalFailure", "We encountered an internal error. Please try again.", 500);
      }
      try {
        AwsResponse response = service.handle(call);
        operationsServed.add(service.signingName() + ":" + call.action());
        return response;
      } catch (AwsException e) {
        // A served operation that answered with an error (e.g. NoSuchEntity) still counts; an unknown one does not.
        if (!UNKNOWN_OPERATION.contains(e.code())) {
          operationsServed.add(service.signingName() + ":" + call.action());
        }
        throw e;
      }
    } catch (AwsException e) {
      return render(service, http, e, requestId);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "internal failure serving request " + requestId, e);
      return render(service, http, new AwsException("InternalFailure",
          "The request processing has failed because of an unknown error, exception or failure.", 500), requestId);
    }
  }

  private static AwsCall call(AwsService service, SigV4.Authorization auth, CredentialStore.Credential credential,
                              HttpRequest http, String requestId) {
    if (service.wire() == AwsService.Wire.JSON_11) {
      String target = http.headers().getFirst("X-Amz-Target");
      // "AWSOrganizationsV20161128.ListAccounts", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails"
      String action = target == null ? null : target.substring(target.lastIndexOf('.') + 1);
      JsonNode body;
      try {
        body = http.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(http.body());
      } catch (IOException e) {
        throw AwsException.badRequest("SerializationException", "Start of structure or map found where not expected.");
      }
      if (body == null || !body.isObject()) {
        throw AwsException.badRequest("SerializationException", "Start of structure or map found where not expected.");
      }
      return new AwsCall(service.signingName(), auth.region(), action, credential.caller(), null, body, requestId);
    }
    if (service.wire() == AwsService.Wire.REST_XML || service.wire() == AwsService.Wire.REST_JSON) {
      QueryParams query = QueryParams.parse(http.rawQuery(), null);
      String action = service.restAction(http.method(), http.rawPath(), query);
      JsonNode body = null;
      if (service.wire() == AwsService.Wire.REST_JSON && http.body().length > 0) {
        try {
          body = JSON.readTree(http.body());
        } catch (IOException e) {
          throw AwsException.badRequest("SerializationException", "Malformed JSON body.");
        }
      }
      return new AwsCall(service.signingName(), auth.region(), action, credential.caller(), query, body, requestId,
          http.method(), http.rawPath(), http.body());
    }
    QueryParams params = QueryParams.parse(http.rawQuery(),
        "POST".equals(http.method()) ? new String(http.body(), StandardCharsets.UTF_8) : null);
    if (params.action() == null) {
      throw AwsException.badRequest("MissingAction", "Missing Action");
    }
    return new AwsCall(service.signingName(), auth.region(), params.action(), credential.caller(), params, null, requestId);
  }

  /** Errors before routing still need a format: guess from the request's own shape. */
  private static AwsResponse render(AwsService service, HttpRequest http, AwsException e, String requestId) {
    if (service != null) {
      return service.error(e, requestId);
    }
    if (http.headers().getFirst("X-Amz-Target") != null) {
      return WireErrors.json(e);
    }
    String body = new String(http.body(), StandardCharsets.UTF_8);
    if (body.contains("Version=2016-11-15") || (http.rawQuery() != null && http.rawQuery().contains("Version=2016-11-15"))) {
      return WireErrors.ec2(e, requestId);
    }
    return WireErrors.query(e, requestId, null);
  }
}
