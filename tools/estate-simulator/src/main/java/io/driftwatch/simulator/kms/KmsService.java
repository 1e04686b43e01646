package io.driftwatch.simulator.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.ServicesModel;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.Json11Service;
import io.driftwatch.simulator.protocol.PageToken;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * KMS over JSON 1.1 ({@code TrentService.*}): ListKeys (Limit 1..1000, default 100; Marker /
 * NextMarker + Truncated) lists customer and AWS-managed keys alike, DescribeKey (key id, key ARN,
 * alias name or alias ARN) and GetKeyRotationStatus.
 */
public final class KmsService extends Json11Service {
  private final Estate estate;

  public KmsService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public String signingName() {
    return "kms";
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "ListKeys" -> listKeys(call);
      case "DescribeKey" -> describeKey(call);
      case "GetKeyRotationStatus" -> rotation(call);
      default -> throw unknown();
    };
  }

  private AwsResponse listKeys(AwsCall call) {
    JsonNode req = call.json();
    Integer limit = intMember(req, "Limit", 1, 1000, "ValidationException");
    PageToken.Page<ServicesModel.KmsKey> page = page(estate.services(call.caller().accountId(), call.region()).keys(),
        ServicesModel.KmsKey::keyId, text(req, "Marker"), limit, 100, "InvalidMarkerException");
    ObjectNode out = object();
    ArrayNode keys = out.putArray("Keys");
    for (ServicesModel.KmsKey k : page.items()) {
      keys.addObject().put("KeyId", k.keyId()).put("KeyArn", k.arn());
    }
    put(out, "NextMarker", page.nextToken());
    out.put("Truncated", page.nextToken() != null);
    return ok(out);
  }

  private ServicesModel.KmsKey key(AwsCall call, boolean aliases) {
    String id = text(call.json(), "KeyId");
    if (id == null || id.isEmpty()) {
      throw AwsException.badRequest("ValidationException", "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
    }
    if (id.startsWith("arn:") && !id.startsWith("arn:aws:kms:")) {
      throw AwsException.badRequest("InvalidArnException", "Invalid arn " + id);
    }
    String acct = call.caller().accountId();
    String aliasArnPrefix = "arn:aws:kms:" + call.region() + ":" + acct + ":";
    return estate.services(acct, call.region()).keys().stream()
        .filter(k -> k.keyId().equals(id) || k.arn().equals(id)
            || (aliases && k.alias() != null && (k.alias().equals(id) || (aliasArnPrefix + k.alias()).equals(id))))
        .findFirst()
        .orElseThrow(() -> AwsException.badRequest("NotFoundException", (id.startsWith("arn:") ? "" : "Key '")
            + (id.startsWith("arn:") ? id : "arn:aws:kms:" + call.region() + ":" + acct + ":key/" + id + "'") + " does not exist"));
  }

  private AwsResponse describeKey(AwsCall call) {
    ServicesModel.KmsKey k = key(call, true);
    ObjectNode out = object();
    ObjectNode m = out.putObject("KeyMetadata");
    m.put("AWSAccountId", call.caller().accountId());
    m.put("KeyId", k.keyId());
    m.put("Arn", k.arn());
    time(m, "CreationDate", k.creationDate());
    m.put("Enabled", k.enabled());
    m.put("Description", k.description());
    m.put("KeyUsage", "ENCRYPT_DECRYPT");
    m.put("KeyState", k.keyState());
    m.put("Origin", "AWS_KMS");
    m.put("KeyManager", k.keyManager());
    m.put("CustomerMasterKeySpec", "SYMMETRIC_DEFAULT");
    m.put("KeySpec", "SYMMETRIC_DEFAULT");
    m.putArray("EncryptionAlgorithms").add("SYMMETRIC_DEFAULT");
    m.put("MultiRegion", false);
    return ok(out);
  }

  private AwsResponse rotation(AwsCall call) {
    ServicesModel.KmsKey k = key(call, false); // GetKeyRotationStatus takes a key id or key ARN, not an alias
    ObjectNode out = object();
    out.put("KeyRotationEnabled", k.rotationEnabled());
    out.put("KeyId", k.arn());
    if (k.rotationEnabled()) {
      out.put("RotationPeriodInDays", 365);
      // The next yearly anniversary of the key's creation.
      Instant next = k.creationDate();
      Instant now = Instant.now();
      while (next.isBefore(now)) {
        next = next.plus(Duration.ofDays(365));
      }
      time(out, "NextRotationDate", next.truncatedTo(ChronoUnit.SECONDS));
    }
    return ok(out);
  }
}
